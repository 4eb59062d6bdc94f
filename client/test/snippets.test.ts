// The Dockerfile snippets, expanded with their default values the way VS Code inserts them, must show the
// practices they are offered for (and none of the mistakes PyDocker's own rules report).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

interface Snippet { prefix: string | string[]; description: string; body: string | string[] }
const file = join(__dirname, '..', '..', '..', 'snippets', 'dockerfile.json');
const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>;

/**
 * VS Code's snippet grammar, as far as these snippets use it: `\` escapes `$`, `}` and `\`; `$N`, `${N}` and
 * `${N:default}` are tab stops (a mirror takes the default given elsewhere). A `$name` variable is reported,
 * because in a Dockerfile snippet it is almost always a shell variable that should have been escaped.
 */
function expand(body: string): string {
  const defaults = new Map<string, string>();
  const parse = (text: string, start: number, inPlaceholder: boolean): [string, number] => {
    let out = '';
    let i = start;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && '$}\\'.includes(text[i + 1] ?? '')) { out += text[i + 1]; i += 2; continue; }
      if (inPlaceholder && c === '}') return [out, i + 1];
      if (c !== '$') { out += c; i++; continue; }
      const simple = /^\$(\d+)/.exec(text.slice(i));
      if (simple) { out += `\u0000${simple[1]}\u0000`; i += simple[0].length; continue; }
      const braced = /^\$\{(\d+)(:|\})/.exec(text.slice(i));
      if (!braced) throw new Error(`unescaped $ at ${JSON.stringify(text.slice(i, i + 20))}`);
      if (braced[2] === '}') { out += `\u0000${braced[1]}\u0000`; i += braced[0].length; continue; }
      const [inner, next] = parse(text, i + braced[0].length, true);
      if (!defaults.has(braced[1])) defaults.set(braced[1], inner);
      out += inner;
      i = next;
    }
    if (inPlaceholder) throw new Error('unterminated placeholder');
    return [out, i];
  };
  const [text] = parse(body, 0, false);
  return text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => defaults.get(n) ?? '');
}

const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

describe('every snippet', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${name}: expands, has a prefix and a description, and its exec-form arrays are JSON`, () => {
      const text = expand(bodyOf(snippet));
      assert.ok((Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]).every(p => /^[a-z][a-z-]+$/.test(p)));
      assert.ok(snippet.description.length > 40, 'explains itself');
      for (const line of text.split('\n')) {
        const exec = /^\s*(?:CMD|ENTRYPOINT|HEALTHCHECK .*CMD)\s+(\[.*\])\s*$/.exec(line);
        if (exec) assert.ok(Array.isArray(JSON.parse(exec[1])), line);
        assert.doesNotMatch(line, /\s+$/, 'no trailing blanks');
      }
      assert.doesNotMatch(text, /:latest\b/, 'no floating tags');
      assert.doesNotMatch(text, /--no-cache-dir/, 'never defeats a cache mount');
    });
  }
});

const expectations: Array<{ prefix: string; present: RegExp[]; absent: RegExp[] }> = [
  {
    prefix: 'py-multistage',
    present: [/^FROM python:\$\{PYTHON_VERSION\}-slim AS builder$/m, /^FROM python:\$\{PYTHON_VERSION\}-slim AS runtime$/m, /^ARG PYTHON_VERSION=3\.12$/m,
      /--mount=type=cache,target=\/root\/\.cache\/pip/, /--mount=type=bind,source=requirements\.txt/, /^COPY --from=builder \/opt\/venv \/opt\/venv$/m,
      /PATH="\/opt\/venv\/bin:\$PATH"[^]*PATH="\/opt\/venv\/bin:\$PATH"/, /^USER appuser$/m, /PYTHONDONTWRITEBYTECODE=1[^]*PYTHONDONTWRITEBYTECODE=1/,
      /PYTHONUNBUFFERED=1/, /^CMD \["python", "-m", "app"\]$/m],
    absent: [/^RUN pip install/m, /^COPY \. \.[^]*pip install/m],
  },
  {
    prefix: 'py-pip-cache',
    present: [/^RUN --mount=type=cache,target=\/root\/\.cache\/pip \\$/m, /pip install -r requirements\.txt$/m],
    absent: [],
  },
  {
    prefix: 'py-uv-builder',
    present: [/^COPY --from=ghcr\.io\/astral-sh\/uv:\d+\.\d+\.\d+ \/uv \/uvx \/bin\/$/m, /--mount=type=cache,target=\/root\/\.cache\/uv/,
      /--mount=type=bind,source=uv\.lock,target=uv\.lock/, /--mount=type=bind,source=pyproject\.toml,target=pyproject\.toml/,
      /uv sync --frozen --no-dev --no-install-project/, /UV_LINK_MODE=copy/],
    absent: [/uv sync(?![^\n]*--frozen)/, /uv sync(?![^\n]*--no-dev)/],
  },
  {
    prefix: 'py-nonroot',
    present: [/^RUN groupadd --system --gid 10001 appgroup \\$/m, /useradd --system --uid 10001 --gid appgroup/, /^USER appuser$/m],
    absent: [/adduser/, /chown -R/],
  },
  {
    prefix: 'py-nonroot-alpine',
    present: [/addgroup -S -g 10001 appgroup/, /adduser -S -D -H -u 10001 -G appgroup/, /^USER appuser$/m],
    absent: [/useradd/],
  },
  {
    prefix: 'py-healthcheck',
    present: [/^HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \\$/m, /urllib\.request\.urlopen\('http:\/\/127\.0\.0\.1:8000\/health', timeout=3\)/],
    absent: [/curl|wget/, /CMD python/],
  },
  {
    prefix: 'py-env',
    present: [/PYTHONDONTWRITEBYTECODE=1/, /PYTHONUNBUFFERED=1/],
    absent: [],
  },
];

describe('each snippet shows its practice', () => {
  test('every snippet has expectations here', () => {
    const covered = new Set(expectations.map(e => e.prefix));
    const first = Object.values(snippets).map(s => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix));
    assert.deepEqual(first.filter(p => !covered.has(p)), []);
  });
  for (const { prefix, present, absent } of expectations) {
    test(prefix, () => {
      const snippet = Object.values(snippets).find(s => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix) === prefix);
      assert.ok(snippet, `a snippet with prefix ${prefix}`);
      const text = expand(bodyOf(snippet));
      for (const pattern of present) assert.match(text, pattern);
      for (const pattern of absent) assert.doesNotMatch(text, pattern);
    });
  }
});

describe('the expander follows the snippet grammar', () => {
  const cases: Array<[string, string]> = [
    ['a ${1:x} b $1', 'a x b x'],
    ['\\$PATH and \\${VAR\\}', '$PATH and ${VAR}'],
    ['${1:outer ${2:inner}} $2', 'outer inner inner'],
    ['end \\\\', 'end \\'],
  ];
  for (const [body, expected] of cases) test(JSON.stringify(body), () => assert.equal(expand(body), expected));
  test('an unescaped shell variable is an error', () => assert.throws(() => expand('ENV PATH=$PATH'), /unescaped \$/));
});
