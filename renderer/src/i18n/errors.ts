// What to say for each error code of the API. The codes are declared once, on the server
// (main/http/errors.ts `ErrorCode`); `satisfies` makes a code without a message here (or a
// message for a code that does not exist) a type error, so no screen shows a code as unknown.
import type { ErrorCode } from '../shared/api/types';

const apiErrorsEs = {
  INVALID_JSON: 'Recepta no entendió el pedido. Recargá la página y probá de nuevo.',
  INVALID_PAYLOAD: 'El proveedor envió un evento que Recepta no reconoce; no se guardó nada.',
  VALIDATION_FAILED: 'Hay un dato que no es válido. Revisalo y volvé a intentar.',
  PAYLOAD_TOO_LARGE: 'El texto es demasiado largo.',
  UNSUPPORTED_MEDIA_TYPE:
    'Ese tipo de archivo no se puede enviar. Probá con una foto, un PDF, un audio o un documento de Office.',
  UNAUTHORIZED: 'La sesión venció. Abrí Recepta de nuevo desde su enlace.',
  HOST_NOT_ALLOWED: 'Recepta no acepta pedidos con esa dirección. Abrila desde el enlace que muestra al iniciar.',
  INVALID_REQUEST_TARGET: 'Recepta no acepta pedidos con esa dirección. Abrila desde el enlace que muestra al iniciar.',
  CROSS_SITE_REQUEST:
    'Recepta rechazó un pedido que no venía de su propia ventana. Abrila desde su enlace y probá de nuevo.',
  NOT_FOUND: 'Eso ya no existe.',
  METHOD_NOT_ALLOWED: 'Esa acción no está disponible. Recargá la página y probá de nuevo.',
  CONFLICT: 'Alguien cambió esto al mismo tiempo. Recargá los datos y probá de nuevo.',
  KEYCHAIN_UNAVAILABLE:
    'Este equipo no tiene un llavero del sistema disponible, así que no podemos guardar la clave de forma segura. Definila con la variable OPENAI_API_KEY al iniciar Recepta.',
  ENV_SECRET_READ_ONLY: 'Esta clave viene de una variable de entorno; cambiala donde se inicia Recepta.',
  AI_KEY_OTHER_ENDPOINT:
    'La clave guardada solo se usa con el servicio para el que se cargó. Para otra dirección, escribí su clave.',
  CHANNEL_UNAVAILABLE: 'El canal de este chat no está disponible ahora. Revisalo en Canales.',
  MEDIA_TOO_LARGE: 'El archivo es demasiado grande para enviarlo.',
  MEDIA_DOWNLOAD_FAILED: 'No pudimos descargar el archivo. Probá de nuevo en un rato.',
  SLOT_TAKEN: 'Ese horario ya está ocupado. Elegí otro.',
  DAILY_LIMIT_REACHED:
    'Ese profesional ya tiene el máximo de turnos de este servicio para ese día. Elegí otro día u otro profesional.',
  OUTSIDE_HOURS: 'Ese horario está fuera del horario de atención.',
  CLOSED_DAY: 'Ese día la clínica está cerrada.',
  IN_THE_PAST: 'Ese horario ya pasó.',
  TOO_SOON: 'Ese turno es demasiado pronto: falta menos de la anticipación mínima.',
  TOO_FAR_AHEAD: 'Ese turno es demasiado lejano: todavía no se dan turnos para esa fecha.',
  INVALID_TIME_RANGE: 'El horario no es válido: el fin tiene que ser después del inicio.',
  PRACTITIONER_UNAVAILABLE: 'Ese profesional no atiende en ese horario.',
  SERVICE_INACTIVE: 'Ese servicio no está activo.',
  INVALID_PHONE: 'El teléfono no es válido. Escribilo con característica, por ejemplo +54 9 11 5555-1234.',
  CLOSURE_OVERLAP: 'Ya hay un cierre en esas fechas.',
  INVALID_STATUS_CHANGE: 'El turno no puede pasar a ese estado.',
  APPOINTMENT_NOT_STARTED: 'El turno todavía no empezó: «No llegó» y «Completado» se marcan desde la hora del turno.',
  ARRIVAL_TOO_EARLY: 'Todavía falta para el turno: «Llegó» se marca desde una hora antes.',
  UNDO_NOT_POSSIBLE: 'Ese cambio ya no se puede deshacer: el turno cambió después, o pasó demasiado tiempo.',
  KNOWLEDGE_UNSUPPORTED_FILE: 'Solo se pueden importar archivos de texto: .txt o .md.',
  KNOWLEDGE_TOO_LARGE: 'El texto es demasiado largo. Dividilo en partes o con subtítulos (## …).',
  KNOWLEDGE_TOO_MANY_ARTICLES:
    'El texto se divide en demasiados artículos para importarlos de una vez. Dividilo en partes.',
  KNOWLEDGE_IMPORT_EMPTY: 'No encontramos texto para importar.',
  WHATSAPP_ALREADY_LINKED: 'WhatsApp ya está vinculado. Para vincular otro número, desvinculá el actual primero.',
  CHANNEL_NOT_CONFIGURABLE: 'Ese canal no se configura desde acá.',
  QUICK_TUNNEL_FAILED:
    'No se pudo iniciar el túnel rápido. Revisá que cloudflared esté instalado y que haya internet, y probá de nuevo.',
  DISK_FULL: 'No queda espacio en el disco: no se guardó nada. Liberá espacio y probá de nuevo.',
  BACKUP_WRONG_KEY:
    'El código de recuperación no abre esta copia. Revisalo: tiene que ser el que se imprimió cuando se hizo la copia.',
  BACKUP_DAMAGED: 'La copia está dañada o fue modificada después de hacerse. Probá con otra copia.',
  BACKUP_NOT_A_BACKUP: 'Ese archivo no es una copia de seguridad de Recepta, o no está en esa ruta.',
  BACKUP_UNSUPPORTED: 'La copia la hizo una versión más nueva de Recepta. Actualizá Recepta y probá de nuevo.',
  BACKUP_NO_KEY:
    'Esta copia se hizo antes de que existiera un código de recuperación: solo se abre en la PC donde se hizo.',
  BACKUP_FOLDER_NOT_WRITABLE:
    'Recepta no puede escribir en esa carpeta. Elegí otra o revisá que el disco esté conectado.',
  BACKUP_UNAVAILABLE: 'Las copias de seguridad no están disponibles en este modo.',
  JOB_NOT_FOUND: 'No hay una tarea de fondo con ese nombre.',
  CALL_LIST_ENTRY_NOT_FOUND: 'Ese llamado ya no está en la lista. Recargá la lista.',
  SETUP_UNAVAILABLE: 'Esto no está disponible en este modo.',
  SETUP_NOT_EMPTY: 'Los datos de ejemplo solo se cargan en una clínica vacía, y esta ya tiene datos.',
  DEMO_NOT_LOADED: 'No hay datos de ejemplo cargados.',
  REAL_DATA_PRESENT:
    'No se borró nada: además de los datos de ejemplo hay datos reales (conversaciones de pacientes, profesionales o servicios que agregaste).',
  INTERNAL: 'Algo falló de nuestro lado. El detalle quedó en el registro de Recepta.',
} satisfies Record<ErrorCode, string>;

const apiErrorsEn = {
  INVALID_JSON: 'Recepta did not understand the request. Reload the page and try again.',
  INVALID_PAYLOAD: 'The provider sent an event Recepta does not recognise; nothing was saved.',
  VALIDATION_FAILED: 'Some value is not valid. Check it and try again.',
  PAYLOAD_TOO_LARGE: 'The text is too long.',
  UNSUPPORTED_MEDIA_TYPE: 'That kind of file cannot be sent. Try a photo, a PDF, an audio file or an Office document.',
  UNAUTHORIZED: 'The session expired. Open Recepta again from its link.',
  HOST_NOT_ALLOWED: 'Recepta does not accept requests for that address. Open it from the link it shows when it starts.',
  INVALID_REQUEST_TARGET:
    'Recepta does not accept requests for that address. Open it from the link it shows when it starts.',
  CROSS_SITE_REQUEST:
    'Recepta refused a request that did not come from its own window. Open it from its link and try again.',
  NOT_FOUND: 'That no longer exists.',
  METHOD_NOT_ALLOWED: 'That action is not available. Reload the page and try again.',
  CONFLICT: 'Someone changed this at the same time. Reload the data and try again.',
  KEYCHAIN_UNAVAILABLE:
    'This computer has no system keychain available, so the key cannot be stored safely. Set it with the OPENAI_API_KEY variable when starting Recepta.',
  ENV_SECRET_READ_ONLY: 'This key comes from an environment variable; change it where Recepta is started.',
  AI_KEY_OTHER_ENDPOINT:
    'The stored key is only used with the service it was entered for. For another address, type its key.',
  CHANNEL_UNAVAILABLE: 'This chat’s channel is not available right now. Check it in Channels.',
  MEDIA_TOO_LARGE: 'The file is too large to send.',
  MEDIA_DOWNLOAD_FAILED: 'We could not download the file. Try again in a while.',
  SLOT_TAKEN: 'That time is already taken. Choose another one.',
  DAILY_LIMIT_REACHED:
    'That practitioner already has the most appointments of this service for that day. Choose another day or practitioner.',
  OUTSIDE_HOURS: 'That time is outside opening hours.',
  CLOSED_DAY: 'The clinic is closed that day.',
  IN_THE_PAST: 'That time has already passed.',
  TOO_SOON: 'That appointment is too soon: it is within the minimum notice.',
  TOO_FAR_AHEAD: 'That appointment is too far ahead: that date is not open for booking yet.',
  INVALID_TIME_RANGE: 'The time range is not valid: the end must be after the start.',
  PRACTITIONER_UNAVAILABLE: 'That practitioner does not work at that time.',
  SERVICE_INACTIVE: 'That service is not active.',
  INVALID_PHONE: 'The phone number is not valid. Include the area code, for example +54 9 11 5555-1234.',
  CLOSURE_OVERLAP: 'There is already a closure on those dates.',
  INVALID_STATUS_CHANGE: 'The appointment cannot change to that status.',
  APPOINTMENT_NOT_STARTED:
    'The appointment has not started yet: "No-show" and "Completed" can be set from its start time on.',
  ARRIVAL_TOO_EARLY: 'The appointment is still a while away: "Arrived" can be set from an hour before it.',
  UNDO_NOT_POSSIBLE:
    'That change can no longer be undone: the appointment changed afterwards, or too much time went by.',
  KNOWLEDGE_UNSUPPORTED_FILE: 'Only text files can be imported: .txt or .md.',
  KNOWLEDGE_TOO_LARGE: 'The text is too long. Split it into parts or with subheadings (## …).',
  KNOWLEDGE_TOO_MANY_ARTICLES: 'The text splits into too many articles to import at once. Split it into parts.',
  KNOWLEDGE_IMPORT_EMPTY: 'We found no text to import.',
  WHATSAPP_ALREADY_LINKED: 'WhatsApp is already linked. To link another number, unlink the current one first.',
  CHANNEL_NOT_CONFIGURABLE: 'That channel is not configured here.',
  QUICK_TUNNEL_FAILED:
    'The quick tunnel could not start. Check that cloudflared is installed and the internet is up, and try again.',
  DISK_FULL: 'The disk is full: nothing was saved. Free some space and try again.',
  BACKUP_WRONG_KEY:
    'The recovery code does not open this backup. Check it: it must be the one printed when the backup was made.',
  BACKUP_DAMAGED: 'The backup is damaged or was modified after it was made. Try another backup.',
  BACKUP_NOT_A_BACKUP: 'That file is not a Recepta backup, or it is not at that path.',
  BACKUP_UNSUPPORTED: 'The backup was made by a newer version of Recepta. Update Recepta and try again.',
  BACKUP_NO_KEY: 'This backup was made before a recovery code existed: it only opens on the PC where it was made.',
  BACKUP_FOLDER_NOT_WRITABLE:
    'Recepta cannot write to that folder. Choose another one or check that the drive is connected.',
  BACKUP_UNAVAILABLE: 'Backups are not available in this mode.',
  JOB_NOT_FOUND: 'There is no background job with that name.',
  CALL_LIST_ENTRY_NOT_FOUND: 'That call is no longer on the list. Reload the list.',
  SETUP_UNAVAILABLE: 'This is not available in this mode.',
  SETUP_NOT_EMPTY: 'The sample data only loads into an empty clinic, and this one already has data.',
  DEMO_NOT_LOADED: 'No sample data is loaded.',
  REAL_DATA_PRESENT:
    "Nothing was deleted: besides the sample data there is real data (patients' chats, practitioners or services you added).",
  INTERNAL: 'Something failed on our side. The details are in Recepta’s log.',
} satisfies Record<ErrorCode, string>;

/** Every code the renderer has a message for: the API's, plus NETWORK (the core did not answer). */
export const errorsEs = {
  ...apiErrorsEs,
  NETWORK: 'No pudimos comunicarnos con Recepta. Fijate que siga abierta y volvé a intentar.',
  VALIDATION_FIELD: 'Revisá «{{field}}»: el valor no es válido.',
  unknown: 'Algo salió mal ({{code}}). Probá de nuevo.',
};

export const errorsEn: typeof errorsEs = {
  ...apiErrorsEn,
  NETWORK: 'We could not reach Recepta. Check that it is still open and try again.',
  VALIDATION_FIELD: 'Check “{{field}}”: the value is not valid.',
  unknown: 'Something went wrong ({{code}}). Try again.',
};

/** The codes `errors.<code>` has a message for (not the two helper keys). */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([...Object.keys(apiErrorsEs), 'NETWORK']);
