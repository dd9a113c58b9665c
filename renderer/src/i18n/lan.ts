// Ajustes › General: how another PC of the clinic checks it reached this Recepta (LAN mode).
export const lanEs = {
  section: 'Acceso desde otras PCs',
  intro:
    'Recepta se abre en la red de la clínica con HTTPS y un certificado propio. La primera vez, el navegador de la otra PC va a advertir sobre el certificado: abrí sus detalles y aceptalo solo si la huella SHA-256 es exactamente esta.',
  fingerprint: 'Huella SHA-256 del certificado',
};

export const lanEn: typeof lanEs = {
  section: 'Access from other PCs',
  intro:
    'Recepta is open on the clinic network over HTTPS with its own certificate. The first time, the browser on the other PC warns about the certificate: open its details and accept it only if the SHA-256 fingerprint is exactly this one.',
  fingerprint: 'Certificate SHA-256 fingerprint',
};
