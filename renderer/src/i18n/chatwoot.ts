// The Chatwoot card on Canales (its generic parts speak through `webhook`, webhooks.ts).
export const chatwootEs = {
  title: 'Instagram, Facebook y más (Chatwoot)',
  intro:
    'Los mensajes de las bandejas de Chatwoot de la clínica (Instagram, Facebook, WhatsApp): Recepta contesta y el equipo sigue viendo todo en Chatwoot.',
  baseUrlLabel: 'Dirección de Chatwoot',
  baseUrlHint:
    'https://app.chatwoot.com, o la del servidor propio de la clínica (por ejemplo https://chat.tuclinica.com). Si la cambiás, hay que volver a cargar el token.',
  accountLabel: 'Número de cuenta',
  accountHint: 'Está en la dirección de Chatwoot cuando entrás: …/app/accounts/<número>/…',
  accountInvalid: 'Escribí solo el número de la cuenta (por ejemplo 1).',
  requireLabel: 'Exigir firma',
  requireHint:
    'Rechaza los avisos que llegan sin firma. Las versiones viejas de Chatwoot (antes de la 4.11.2; 4.13 para bots) no firman: con una de esas, destildala. Un aviso con firma falsa se rechaza igual.',
  tokenLabel: 'Token de la API',
  tokenHint:
    'Recomendado: el token de un Agent Bot (Ajustes › Bots): las respuestas salen a nombre del bot y el pase a una persona funciona como en Chatwoot. El token de una persona (Perfil › Token de acceso) además deja recuperar los mensajes que llegaron mientras Recepta estaba apagado.',
  secretLabel: 'Secreto del webhook',
  secretHintConsole:
    'Lo muestra Chatwoot en el bot o en el webhook (versiones recientes). Sin secreto no se puede comprobar la firma.',
  stepsTitle: 'Cómo conectarlo en Chatwoot',
  step1:
    'Entrá a tu Chatwoot con un usuario administrador. Copiá la dirección (hasta antes de <code>/app</code>) y el número que va después de <code>/app/accounts/</code> en los campos de arriba.',
  step2:
    'Recomendado: en <strong>Ajustes › Bots</strong> tocá <strong>Agregar bot</strong>, llamalo Recepta y en <strong>Webhook URL</strong> pegá la dirección del webhook de esta tarjeta. Guardalo y copiá su <strong>token de acceso</strong> en «Token de la API».',
  step3:
    'En <strong>Ajustes › Bandejas de entrada</strong>, abrí cada bandeja que tiene que atender Recepta y en <strong>Configuración del bot</strong> elegí el bot de Recepta.',
  step4:
    'Sin bot (o para recibir todas las bandejas): en <strong>Ajustes › Integraciones › Webhooks</strong> tocá <strong>Agregar nuevo webhook</strong>, pegá la dirección y marcá <code>message_created</code>, <code>message_updated</code>, <code>conversation_updated</code> y <code>conversation_status_changed</code>. En ese caso usá el token de una persona (Perfil › Token de acceso).',
  step5:
    'Copiá el <strong>secreto</strong> del bot o del webhook en «Secreto del webhook». Si tu Chatwoot no muestra ninguno, es una versión que no firma: destildá «Exigir firma».',
  step6:
    'Tocá <strong>Probar</strong> y mandale un mensaje de prueba a la cuenta de la clínica (por Instagram o Facebook) desde otra cuenta.',
  testHint: 'Prueba el token contra la cuenta de Chatwoot.',
  toleranceLabel: 'Antigüedad máxima de la firma (segundos)',
  toleranceHint: 'Un aviso firmado hace más que esto se rechaza (evita que se repita uno viejo). 300 = 5 minutos.',
  toleranceInvalid: 'Entre 30 y 86400 segundos.',
  backlogLabel: 'Mensajes atrasados (horas)',
  backlogHint:
    'Lo que llega con más atraso que esto (por ejemplo, recuperado después de un corte) se guarda y se muestra, pero el asistente no lo contesta.',
  backlogInvalid: 'Entre 1 y 168 horas.',
  inboxesLabel: 'Canal de cada bandeja',
  inboxesHint:
    'Solo para bandejas cuyo tipo no dice el canal (una bandeja API alimentada por un puente, un WhatsApp por Twilio): el número de la bandeja está en su dirección en Chatwoot (…/inboxes/<número>).',
  inboxNumber: 'Número de la bandeja {{n}}',
  inboxChannel: 'Canal de la bandeja {{n}}',
  inboxRemove: 'Quitar la bandeja {{n}}',
  inboxAdd: 'Agregar una bandeja',
  inboxInvalid: 'Escribí solo el número de cada bandeja.',
};

export const chatwootEn: typeof chatwootEs = {
  title: 'Instagram, Facebook and more (Chatwoot)',
  intro:
    "Messages from the clinic's Chatwoot inboxes (Instagram, Facebook, WhatsApp): Recepta answers and the team still sees everything in Chatwoot.",
  baseUrlLabel: 'Chatwoot address',
  baseUrlHint:
    "https://app.chatwoot.com, or the clinic's own server (for example https://chat.yourclinic.com). If you change it, the token must be entered again.",
  accountLabel: 'Account number',
  accountHint: 'It is in Chatwoot’s address once you sign in: …/app/accounts/<number>/…',
  accountInvalid: 'Type only the account number (for example 1).',
  requireLabel: 'Require a signature',
  requireHint:
    'Refuses deliveries that arrive unsigned. Older Chatwoot versions (before 4.11.2; 4.13 for bots) do not sign: with one of those, untick it. A delivery with a forged signature is refused anyway.',
  tokenLabel: 'API token',
  tokenHint:
    "Recommended: an Agent Bot's token (Settings › Bots): replies go out as the bot and the handoff to a person works as Chatwoot's own. A person's token (Profile › Access token) also lets Recepta catch up on messages that arrived while it was off.",
  secretLabel: 'Webhook secret',
  secretHintConsole:
    'Chatwoot shows it on the bot or the webhook (recent versions). Without a secret the signature cannot be checked.',
  stepsTitle: 'How to connect it in Chatwoot',
  step1:
    'Sign in to your Chatwoot as an administrator. Copy the address (up to before <code>/app</code>) and the number after <code>/app/accounts/</code> into the fields above.',
  step2:
    "Recommended: in <strong>Settings › Bots</strong> press <strong>Add bot</strong>, name it Recepta and paste this card's webhook address in <strong>Webhook URL</strong>. Save it and copy its <strong>access token</strong> into “API token”.",
  step3:
    'In <strong>Settings › Inboxes</strong>, open each inbox Recepta should answer and choose the Recepta bot under <strong>Bot configuration</strong>.',
  step4:
    "Without a bot (or to receive every inbox): in <strong>Settings › Integrations › Webhooks</strong> press <strong>Add new webhook</strong>, paste the address and tick <code>message_created</code>, <code>message_updated</code>, <code>conversation_updated</code> and <code>conversation_status_changed</code>. Then use a person's token (Profile › Access token).",
  step5:
    'Copy the bot’s or the webhook’s <strong>secret</strong> into “Webhook secret”. If your Chatwoot shows none, it is a version that does not sign: untick “Require a signature”.',
  step6:
    "Press <strong>Test</strong> and send a test message to the clinic's account (on Instagram or Facebook) from another account.",
  testHint: 'Tests the token against the Chatwoot account.',
  toleranceLabel: 'Maximum signature age (seconds)',
  toleranceHint:
    'A delivery signed longer ago than this is refused (so an old one cannot be replayed). 300 = 5 minutes.',
  toleranceInvalid: 'Between 30 and 86400 seconds.',
  backlogLabel: 'Late messages (hours)',
  backlogHint:
    'What arrives later than this (for example, caught up after an outage) is stored and shown, but the assistant does not answer it.',
  backlogInvalid: 'Between 1 and 168 hours.',
  inboxesLabel: 'Channel of each inbox',
  inboxesHint:
    'Only for inboxes whose type does not say the channel (an API inbox fed by a bridge, WhatsApp through Twilio): the inbox number is in its Chatwoot address (…/inboxes/<number>).',
  inboxNumber: 'Inbox {{n}} number',
  inboxChannel: 'Inbox {{n}} channel',
  inboxRemove: 'Remove inbox {{n}}',
  inboxAdd: 'Add an inbox',
  inboxInvalid: 'Type only the number of each inbox.',
};
