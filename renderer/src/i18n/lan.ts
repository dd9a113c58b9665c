// Ajustes › General: how another PC of the clinic checks it reached this Recepta (LAN mode),
// and the public address (the tunnel's) every outside link is built from.
export const lanEs = {
  section: 'Acceso desde otras PCs',
  intro:
    'Recepta se abre en la red de la clínica con HTTPS y un certificado propio. La primera vez, el navegador de la otra PC va a advertir sobre el certificado: abrí sus detalles y aceptalo solo si la huella SHA-256 es exactamente esta.',
  fingerprint: 'Huella SHA-256 del certificado',
  publicAddress: {
    section: 'Dirección pública',
    intro:
      'La dirección de internet por la que Google Calendar, los teléfonos y los servicios de mensajería llegan a esta PC: la del túnel que la conecta (por ejemplo https://recepcion.trycloudflare.com). Con ella se arman el enlace del calendario y los de los canales. Si todavía no tenés un túnel, dejala vacía.',
    label: 'Dirección pública',
    placeholder: 'https://…',
    hint: 'Solo la dirección, sin nada después de la barra.',
    none: 'Todavía no hay una dirección pública: el calendario no se puede suscribir desde otros equipos.',
    save: 'Guardar dirección',
    saving: 'Guardando…',
    saved: 'Dirección guardada.',
  },
};

export const lanEn: typeof lanEs = {
  section: 'Access from other PCs',
  intro:
    'Recepta is open on the clinic network over HTTPS with its own certificate. The first time, the browser on the other PC warns about the certificate: open its details and accept it only if the SHA-256 fingerprint is exactly this one.',
  fingerprint: 'Certificate SHA-256 fingerprint',
  publicAddress: {
    section: 'Public address',
    intro:
      'The internet address through which Google Calendar, phones and messaging services reach this PC: the tunnel that connects it (for example https://frontdesk.trycloudflare.com). The calendar link and the channel links are built from it. If you have no tunnel yet, leave it empty.',
    label: 'Public address',
    placeholder: 'https://…',
    hint: 'Only the address, nothing after the slash.',
    none: 'There is no public address yet: the calendar cannot be subscribed to from other devices.',
    save: 'Save address',
    saving: 'Saving…',
    saved: 'Address saved.',
  },
};
