import { z } from 'zod';
import { defineTool } from './tool.js';

export const searchKnowledgeTool = defineTool({
  name: 'search_knowledge',
  description: 'Busca en la información de la clínica (cómo llegar, obras sociales, pagos, preparación, políticas).',
  args: z.object({ query: z.string().trim().min(2).max(300) }).strict(),
  run: (args, ctx) => {
    const found = ctx.knowledge.search(args.query, 4);
    if (found.length === 0)
      return { results: [], note: 'No hay nada cargado sobre eso. No inventes: ofrecé que responda una persona.' };
    return { results: found.map((r) => ({ title: r.title, text: r.excerpt })) };
  },
});

export const handoffTool = defineTool({
  name: 'handoff_to_human',
  description:
    'Pasa el chat a una persona del equipo: si lo pide, ante una urgencia, una queja, una pregunta clínica o algo que no podés resolver.',
  args: z.object({ reason: z.string().trim().min(3).max(200) }).strict(),
  run: (args, ctx) => {
    ctx.handoff(args.reason);
    return { ok: true, note: 'Listo: el equipo fue avisado y el asistente queda en pausa en este chat.' };
  },
});
