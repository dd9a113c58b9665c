// The data folder's disk is almost full: said before it is, while there is still time to act.
export const diskEs = {
  lowBanner:
    'Queda poco espacio en el disco ({{free}} libres). Cuando se llene, Recepta no va a poder guardar mensajes nuevos: liberá espacio (vaciá la papelera, borrá descargas o archivos grandes que no uses).',
  dismiss: 'Entendido',
  notifyTitle: 'Queda poco espacio en el disco',
  notifyBody: 'Quedan {{free}} libres. Liberá espacio para que Recepta pueda seguir guardando los mensajes.',
};

export const diskEn: typeof diskEs = {
  lowBanner:
    'The disk is almost full ({{free}} free). Once it fills up, Recepta cannot save new messages: free some space (empty the trash, delete downloads or large files you do not use).',
  dismiss: 'Got it',
  notifyTitle: 'The disk is almost full',
  notifyBody: '{{free}} left. Free some space so Recepta can keep saving messages.',
};
