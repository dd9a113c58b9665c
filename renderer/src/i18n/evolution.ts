// The Evolution API card on Canales (its generic parts speak through `webhook`, webhooks.ts).
// The webhook settings named here are Evolution v2's (../shared/reference/gateways.md C.1).
export const evolutionEs = {
  title: 'WhatsApp por Evolution API',
  intro:
    'Para la clínica que ya tiene su propio servidor de Evolution API: el WhatsApp se vincula allá (con el QR de Evolution) y Recepta contesta a través de él.',
  baseUrlLabel: 'Dirección del servidor de Evolution',
  baseUrlHint:
    'Con http:// o https:// y el puerto, por ejemplo http://192.168.0.20:8080. Si la cambiás, hay que volver a cargar la clave.',
  instanceLabel: 'Nombre de la instancia',
  instanceHint: 'Tal cual figura en Evolution. Los avisos de otras instancias se ignoran.',
  instanceInvalid: 'El nombre no puede tener «/», «?» ni «#».',
  headerLabel: 'Encabezado del secreto',
  headerHint:
    'El encabezado en el que Evolution manda el secreto (en «Headers» del webhook). Dejalo así salvo que ya uses otro.',
  headerInvalid: 'Solo letras, números y guiones, sin espacios.',
  apiKeyLabel: 'Clave de API',
  apiKeyHint: 'El token de la instancia, o la clave global del servidor (AUTHENTICATION_API_KEY).',
  secretLabel: 'Secreto del webhook',
  secretHintConsole:
    'Inventá uno largo (20 caracteres o más) y pegalo también en los «Headers» del webhook en Evolution: Evolution no firma sus avisos, así que este secreto es lo que prueba que vienen de tu servidor.',
  stepsTitle: 'Cómo conectarlo en Evolution',
  step1:
    'Abrí el <strong>Evolution Manager</strong> de tu servidor (…/manager), entrá a la instancia de la clínica y revisá que WhatsApp esté vinculado (si no, escaneá el QR ahí).',
  step2:
    'Copiá arriba la dirección del servidor, el nombre de la instancia y la clave (el <strong>token</strong> de la instancia o la clave global).',
  step3:
    'En la instancia andá a <strong>Events › Webhook</strong>, activalo y en <strong>URL</strong> pegá la dirección del webhook de esta tarjeta.',
  step4:
    'Dejá <strong>apagados</strong> «Webhook by Events» y «Webhook Base64» (Recepta pide cada archivo aparte; con Base64 los avisos pesan demasiado).',
  step5:
    'Activá estos eventos: <code>MESSAGES_UPSERT</code>, <code>MESSAGES_UPDATE</code>, <code>SEND_MESSAGE</code> y <code>CONNECTION_UPDATE</code>.',
  step6:
    'En <strong>Headers</strong> poné <code>{"{{header}}": "tu secreto"}</code> con el secreto de arriba. También sirve <code>{"jwt_key": "tu secreto"}</code>: Evolution manda entonces un token que vence a los 10 minutos.',
  step7:
    'Guardá, tocá <strong>Probar</strong> acá y mandale un mensaje de prueba al número de la clínica desde otro teléfono.',
  testHint: 'Prueba la clave y si WhatsApp está vinculado en la instancia.',
};

export const evolutionEn: typeof evolutionEs = {
  title: 'WhatsApp through Evolution API',
  intro:
    'For a clinic that already runs its own Evolution API server: WhatsApp is linked there (with Evolution’s QR) and Recepta answers through it.',
  baseUrlLabel: 'Evolution server address',
  baseUrlHint:
    'With http:// or https:// and the port, for example http://192.168.0.20:8080. If you change it, the key must be entered again.',
  instanceLabel: 'Instance name',
  instanceHint: 'Exactly as Evolution shows it. Deliveries for other instances are ignored.',
  instanceInvalid: 'The name cannot contain “/”, “?” or “#”.',
  headerLabel: 'Secret header',
  headerHint:
    'The header Evolution sends the secret in (the webhook’s “Headers”). Leave it unless you already use another.',
  headerInvalid: 'Letters, digits and dashes only, no spaces.',
  apiKeyLabel: 'API key',
  apiKeyHint: 'The instance’s token, or the server’s global key (AUTHENTICATION_API_KEY).',
  secretLabel: 'Webhook secret',
  secretHintConsole:
    'Make up a long one (20 characters or more) and paste it in the webhook’s “Headers” in Evolution too: Evolution does not sign its deliveries, so this secret is what proves they come from your server.',
  stepsTitle: 'How to connect it in Evolution',
  step1:
    "Open your server's <strong>Evolution Manager</strong> (…/manager), go to the clinic's instance and check WhatsApp is linked (if not, scan the QR there).",
  step2:
    "Copy the server's address, the instance name and the key (the instance's <strong>token</strong> or the global key) above.",
  step3:
    "In the instance go to <strong>Events › Webhook</strong>, enable it and paste this card's webhook address in <strong>URL</strong>.",
  step4:
    'Leave “Webhook by Events” and “Webhook Base64” <strong>off</strong> (Recepta fetches each file on its own; with Base64 the deliveries get too heavy).',
  step5:
    'Enable these events: <code>MESSAGES_UPSERT</code>, <code>MESSAGES_UPDATE</code>, <code>SEND_MESSAGE</code> and <code>CONNECTION_UPDATE</code>.',
  step6:
    'In <strong>Headers</strong> put <code>{"{{header}}": "your secret"}</code> with the secret above. <code>{"jwt_key": "your secret"}</code> works too: Evolution then sends a token that expires after 10 minutes.',
  step7: "Save, press <strong>Test</strong> here and send a test message to the clinic's number from another phone.",
  testHint: 'Tests the key and whether WhatsApp is linked in the instance.',
};
