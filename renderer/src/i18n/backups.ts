// Ajustes › Copias de seguridad (issue 12).
export const backupsEs = {
  section: 'Copias de seguridad',
  intro:
    'Recepta hace una copia cifrada de todo (conversaciones, turnos, pacientes, ajustes y archivos) cada noche y antes de cada actualización, y la verifica abriéndola.',
  loading: 'Leyendo las copias…',
  loadError: 'No pudimos leer las copias.',
  lastGood: 'Última copia buena: {{ago}} ({{date}}).',
  agoNow: 'recién',
  agoMinutes_one: 'hace {{count}} minuto',
  agoMinutes_other: 'hace {{count}} minutos',
  agoHours_one: 'hace {{count}} hora',
  agoHours_other: 'hace {{count}} horas',
  agoDays_one: 'hace {{count}} día',
  agoDays_other: 'hace {{count}} días',
  never: 'Todavía no hay ninguna copia verificada.',
  stale:
    'Hace más de 48 horas que no hay una copia verificada. Hacé una ahora y revisá que la carpeta esté disponible.',
  folderTitle: 'Dónde se guardan',
  folderLabel: 'Carpeta de las copias',
  folderHint:
    'Puede ser un pendrive o una carpeta sincronizada (Drive, Dropbox, OneDrive). Dejala vacía para usar la carpeta de datos de Recepta: {{default}}',
  folderSave: 'Guardar carpeta',
  folderSaved: 'Listo: las próximas copias van a esa carpeta.',
  now: 'Hacer una copia ahora',
  running: 'Haciendo la copia…',
  phases: { snapshot: 'Copiando la base de datos…', encrypt: 'Cifrando y guardando…', verify: 'Verificando la copia…' },
  progressLabel: 'Avance de la copia',
  percent: '{{value}} %',
  made: 'Copia hecha y verificada.',
  failed:
    'La copia no se pudo hacer o no pasó la verificación. Revisá que la carpeta esté disponible y probá de nuevo.',
  listTitle: 'Copias guardadas',
  listCaption: 'Se guardan las de los últimos 7 días, una por semana del último mes y una por mes del último año.',
  empty: 'Todavía no hay copias.',
  columns: { date: 'Fecha', kind: 'Tipo', size: 'Tamaño', state: 'Estado', actions: 'Acciones' },
  kinds: { nightly: 'Automática', manual: 'Manual', 'pre-migration': 'Antes de actualizar' },
  states: { verified: 'Verificada', failed: 'Falló', running: 'En curso' },
  restore: 'Restaurar…',
  restoreNamed: 'Restaurar la copia del {{date}}',
  restoreTitle: 'Restaurar la copia del {{date}}',
  restoreExplain:
    'Recepta va a volver a como estaba el {{date}}. Los mensajes, turnos y cambios posteriores dejan de verse. Lo que hay ahora no se borra: queda guardado aparte en la carpeta de datos. Recepta se reinicia y tarda unos segundos; los pacientes que escriban mientras tanto reciben respuesta al volver.',
  restoreContinue: 'Continuar',
  restoreConfirmTitle: '¿Seguro que querés restaurar esta copia?',
  restoreConfirmBody: 'Los datos actuales se reemplazan por los de la copia del {{date}}.',
  restoreConfirm: 'Sí, restaurar esta copia',
  cancel: 'Cancelar',
  restoring: 'Restaurando la copia… Recepta se está reiniciando.',
  restored:
    'Listo: Recepta volvió con la copia del {{date}}. Lo anterior quedó guardado en «{{aside}}», dentro de la carpeta de datos.',
  restoredContinue: 'Volver a Recepta',
  recoveryTitle: 'Código de recuperación',
  recoveryMissing:
    'Todavía no generaste el código de recuperación. Si esta PC se rompe, su clave se pierde con ella: con el código vas a poder abrir las copias en otra PC.',
  recoverySet:
    'El código de recuperación ya está generado. Si lo perdiste, generá uno nuevo: las copias que se hagan desde ahora se abren con el nuevo.',
  recoveryCreate: 'Generar el código de recuperación',
  recoveryRegenerate: 'Generar un código nuevo',
  recoveryShownOnce: 'Anotalo o imprimilo y guardalo fuera de esta PC. No se va a volver a mostrar.',
  recoveryCodeLabel: 'Tu código de recuperación',
  recoveryPrint: 'Imprimir',
  recoveryDone: 'Ya lo guardé',
  recoveryPrintTitle: 'Recepta — código de recuperación de las copias de seguridad',
  file: {
    title: 'Restaurar desde un archivo',
    intro:
      'Para pasar Recepta a una PC nueva, o si esta PC perdió su clave: elegí un archivo de copia (por ejemplo, del pendrive o de la carpeta sincronizada) y abrilo con el código de recuperación impreso.',
    open: 'Restaurar desde un archivo…',
    dialogTitle: 'Restaurar desde un archivo',
    pathLabel: 'Ruta completa del archivo de la copia',
    pathHint:
      'Ej.: E:\\Recepta\\copias\\recepta-20261118-030000-nightly-3fa9.rcbk. En el Explorador de archivos, hacé clic derecho sobre la copia (termina en .rcbk) y elegí «Copiar como ruta de acceso»; después pegala acá.',
    codeLabel: 'Código de recuperación',
    codeHint:
      'El código de 32 letras y números que se imprimió. No importan los guiones, los espacios ni las mayúsculas.',
    pathMissing: 'Escribí la ruta del archivo de la copia.',
    pathNotFull: 'Escribí la ruta completa, desde la unidad (por ejemplo E:\\…), no solo el nombre del archivo.',
    codeMissing: 'Escribí el código de recuperación.',
    whatHappens:
      'Los datos que hay ahora en Recepta se reemplazan por los de la copia. No se borran: quedan guardados aparte en la carpeta de datos, en una carpeta «before-restore-…». Recepta se reinicia y tarda unos segundos.',
    secretsNote:
      'Las claves nunca se guardan en una copia: en una PC nueva vas a tener que volver a cargar la clave de la IA (Ajustes › Asistente) y volver a vincular WhatsApp (Canales).',
    continue: 'Continuar',
    confirmTitle: '¿Seguro que querés restaurar este archivo?',
    confirmBody:
      'Los datos actuales se reemplazan por los de «{{file}}». Lo que hay ahora queda guardado aparte en la carpeta de datos.',
    confirm: 'Sí, restaurar este archivo',
    back: 'Volver',
    progressLabel: 'Avance de la restauración',
    checking: 'Abriendo y comprobando la copia con el código… Si la copia es grande, puede tardar unos minutos.',
    restarting: 'La copia está bien. Recepta se está reiniciando con ella…',
    restored:
      'Listo: Recepta volvió con la copia «{{file}}». Lo que había antes quedó guardado en «{{aside}}», dentro de la carpeta de datos.',
    afterNewPc:
      'Si es una PC nueva: cargá la clave de la IA en Ajustes › Asistente, vinculá WhatsApp en Canales y generá un código de recuperación nuevo en esta página.',
  },
};

export const backupsEn: typeof backupsEs = {
  section: 'Backups',
  intro:
    'Recepta makes an encrypted copy of everything (conversations, appointments, patients, settings and files) every night and before every update, and verifies it by opening it.',
  loading: 'Reading the backups…',
  loadError: 'We could not read the backups.',
  lastGood: 'Last good backup: {{ago}} ({{date}}).',
  agoNow: 'just now',
  agoMinutes_one: '{{count}} minute ago',
  agoMinutes_other: '{{count}} minutes ago',
  agoHours_one: '{{count}} hour ago',
  agoHours_other: '{{count}} hours ago',
  agoDays_one: '{{count}} day ago',
  agoDays_other: '{{count}} days ago',
  never: 'There is no verified backup yet.',
  stale:
    'There has been no verified backup for more than 48 hours. Make one now and check that the folder is available.',
  folderTitle: 'Where they are kept',
  folderLabel: 'Backup folder',
  folderHint:
    "It can be a USB drive or a synced folder (Drive, Dropbox, OneDrive). Leave it empty to use Recepta's data folder: {{default}}",
  folderSave: 'Save folder',
  folderSaved: 'Done: the next backups go to that folder.',
  now: 'Back up now',
  running: 'Making the backup…',
  phases: { snapshot: 'Copying the database…', encrypt: 'Encrypting and saving…', verify: 'Verifying the backup…' },
  progressLabel: 'Backup progress',
  percent: '{{value}} %',
  made: 'Backup made and verified.',
  failed:
    'The backup could not be made or did not pass verification. Check that the folder is available and try again.',
  listTitle: 'Saved backups',
  listCaption: 'Kept: those of the last 7 days, one per week for the last month and one per month for the last year.',
  empty: 'No backups yet.',
  columns: { date: 'Date', kind: 'Kind', size: 'Size', state: 'State', actions: 'Actions' },
  kinds: { nightly: 'Automatic', manual: 'Manual', 'pre-migration': 'Before an update' },
  states: { verified: 'Verified', failed: 'Failed', running: 'Running' },
  restore: 'Restore…',
  restoreNamed: 'Restore the backup of {{date}}',
  restoreTitle: 'Restore the backup of {{date}}',
  restoreExplain:
    'Recepta will go back to how it was on {{date}}. Later messages, appointments and changes will no longer show. What is there now is not deleted: it is kept aside in the data folder. Recepta restarts, which takes a few seconds; patients who write meanwhile are answered when it is back.',
  restoreContinue: 'Continue',
  restoreConfirmTitle: 'Are you sure you want to restore this backup?',
  restoreConfirmBody: 'The current data is replaced by the backup of {{date}}.',
  restoreConfirm: 'Yes, restore this backup',
  cancel: 'Cancel',
  restoring: 'Restoring the backup… Recepta is restarting.',
  restored:
    'Done: Recepta is back with the backup of {{date}}. The previous data is kept in “{{aside}}”, inside the data folder.',
  restoredContinue: 'Back to Recepta',
  recoveryTitle: 'Recovery code',
  recoveryMissing:
    'You have not made the recovery code yet. If this PC breaks, its key is lost with it: with the code you can open the backups on another PC.',
  recoverySet:
    'The recovery code has been made. If you lost it, make a new one: backups made from now on open with the new one.',
  recoveryCreate: 'Make the recovery code',
  recoveryRegenerate: 'Make a new code',
  recoveryShownOnce: 'Write it down or print it and keep it away from this PC. It will not be shown again.',
  recoveryCodeLabel: 'Your recovery code',
  recoveryPrint: 'Print',
  recoveryDone: 'I have saved it',
  recoveryPrintTitle: 'Recepta — backup recovery code',
  file: {
    title: 'Restore from a file',
    intro:
      'To move Recepta to a new PC, or if this PC lost its key: choose a backup file (for example, from the USB drive or the synced folder) and open it with the printed recovery code.',
    open: 'Restore from a file…',
    dialogTitle: 'Restore from a file',
    pathLabel: 'Full path of the backup file',
    pathHint:
      'E.g.: E:\\Recepta\\backups\\recepta-20261118-030000-nightly-3fa9.rcbk. In File Explorer, right-click the backup (it ends in .rcbk) and choose “Copy as path”, then paste it here.',
    codeLabel: 'Recovery code',
    codeHint: 'The printed code of 32 letters and digits. Dashes, spaces and capitals do not matter.',
    pathMissing: 'Type the path of the backup file.',
    pathNotFull: 'Type the full path, starting with the drive (for example E:\\…), not just the file name.',
    codeMissing: 'Type the recovery code.',
    whatHappens:
      'The data now in Recepta is replaced by the backup’s. It is not deleted: it is kept aside in the data folder, in a “before-restore-…” folder. Recepta restarts, which takes a few seconds.',
    secretsNote:
      'Keys are never stored in a backup: on a new PC you will have to enter the AI key again (Settings › Assistant) and link WhatsApp again (Channels).',
    continue: 'Continue',
    confirmTitle: 'Are you sure you want to restore this file?',
    confirmBody: 'The current data is replaced by “{{file}}”. What is there now is kept aside in the data folder.',
    confirm: 'Yes, restore this file',
    back: 'Back',
    progressLabel: 'Restore progress',
    checking: 'Opening and checking the backup with the code… A large backup can take a few minutes.',
    restarting: 'The backup is fine. Recepta is restarting on it…',
    restored:
      'Done: Recepta is back with the backup “{{file}}”. The previous data is kept in “{{aside}}”, inside the data folder.',
    afterNewPc:
      'If this is a new PC: enter the AI key in Settings › Assistant, link WhatsApp in Channels and make a new recovery code on this page.',
  },
};
