import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sse-parser';

function parse(chunks: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = new SseParser(
    (m) => messages.push(m),
    (c) => comments.push(c),
  );
  for (const c of chunks) parser.feed(c);
  return { messages, comments };
}

describe('SseParser', () => {
  it('parses typed events with JSON data, as the core writes them', () => {
    const { messages, comments } = parse([
      ': connected\n\n',
      'event: message.created\ndata: {"conversationId":1,"messageId":2}\n\n',
      ': ping\n\n',
    ]);
    expect(comments).toEqual(['connected', 'ping']);
    expect(messages).toEqual([{ event: 'message.created', data: '{"conversationId":1,"messageId":2}', id: undefined }]);
  });

  it('reassembles events split anywhere across chunks, even inside a CRLF', () => {
    const text = 'event: conversation.updated\r\ndata: {"conversationId":7}\r\n\r\nevent: a\rdata: x\r\r';
    for (let cut = 1; cut < text.length; cut++) {
      const { messages } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(messages.map((m) => [m.event, m.data])).toEqual([
        ['conversation.updated', '{"conversationId":7}'],
        ['a', 'x'],
      ]);
    }
  });

  it('feeds one character at a time', () => {
    const { messages } = parse([...'event: x\ndata: 1\n\n']);
    expect(messages).toEqual([{ event: 'x', data: '1', id: undefined }]);
  });

  it('joins multi-line data, defaults the type to "message", keeps the last id', () => {
    const { messages } = parse(['id: 5\ndata: first\ndata:second\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'first\nsecond', id: '5' }]);
  });

  it('ignores events without data, unknown fields and a leading BOM', () => {
    const { messages } = parse(['\uFEFFevent: lonely\n\nretry: 10\nfoo: bar\ndata: ok\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'ok', id: undefined }]);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const { messages } = parse(['event: x\ndata: 1\n']);
    expect(messages).toEqual([]);
  });
});
