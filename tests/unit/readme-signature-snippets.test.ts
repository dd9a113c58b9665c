// The README's snippets for verifying X-Recepta-Signature, run as written (Node, and Python
// when python3 is on the machine) against a header Recepta really signs: a receiver who copies
// them gets a working check, and a README edit that breaks one fails here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../main/notifications/signature.js';

const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('A webhook request carries `X-Recepta-Signature'));
const block = (lang: string) => {
  const match = section.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
  if (!match) throw new Error(`no ${lang} snippet after "A webhook request carries" in README.md`);
  return match[1]!;
};

const secret = 'whsec_readme';
const body = JSON.stringify({ id: 'e1', type: 'test.ping', data: { note: 'ñandú' } });
const now = Math.floor(Date.now() / 1000);
const dir = mkdtempSync(path.join(tmpdir(), 'recepta-readme-'));
// The Python snippet runs only where python3 is installed (CI's Debian has it); the Node one always runs.
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe("the README's signature snippets", () => {
  it('Node: accepts what Recepta signs, refuses another secret, a changed body and an old timestamp', async () => {
    const file = path.join(dir, 'verify.mjs');
    writeFileSync(file, `${block('js')}\nexport { verifyRecepta };\n`);
    const { verifyRecepta } = (await import(pathToFileURL(file).href)) as {
      verifyRecepta: (s: string, b: string, h: string, n?: number) => boolean;
    };
    const header = signatureHeader(secret, body, now);
    expect(verifyRecepta(secret, body, header, now + 5)).toBe(true);
    expect(verifyRecepta('other', body, header, now)).toBe(false);
    expect(verifyRecepta(secret, body.replace('e1', 'e2'), header, now)).toBe(false);
    expect(verifyRecepta(secret, body, header, now + 301)).toBe(false);
  });

  it.skipIf(!hasPython)(
    'Python: accepts what Recepta signs, refuses another secret, a changed body and an old timestamp',
    () => {
      const file = path.join(dir, 'verify.py');
      const header = signatureHeader(secret, body, now);
      writeFileSync(
        file,
        `${block('python')}
import sys
time.time = lambda: ${now + 5}  # the tests' pinned clock, not the machine's
body = sys.stdin.buffer.read()
print(verify_recepta(sys.argv[1], body, sys.argv[2]), verify_recepta("other", body, sys.argv[2]),
      verify_recepta(sys.argv[1], body + b" ", sys.argv[2]))
time.time = lambda: ${now + 301}
print(verify_recepta(sys.argv[1], body, sys.argv[2]))
`,
      );
      const out = execFileSync('python3', [file, secret, header], { input: Buffer.from(body, 'utf8') }).toString();
      expect(out.trim().split('\n')).toEqual(['True False False', 'False']);
    },
  );
});
