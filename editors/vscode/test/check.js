// Checks the VS Code extension in ..: its manifest (package.json) is a
// valid extension manifest whose files exist, and its TextMate grammar,
// run by VS Code's own engine (vscode-textmate with the Oniguruma regular
// expressions of vscode-oniguruma), gives the expected scopes on sample.ph.
// Run with `npm ci && npm test` in this directory (cargo xtask ci does).
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const ext = path.join(__dirname, "..");
let failures = 0;
function check(what, f) {
  try {
    f();
    console.log(`ok   ${what}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${what}: ${e.message}`);
  }
}

// --- The manifest -------------------------------------------------------
const manifest = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));
check("manifest: name, publisher, version", () => {
  // What vsce requires (lower-case name without spaces, semver version).
  assert.match(manifest.name, /^[a-z0-9][a-z0-9-]*$/);
  assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/i);
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
});
check("manifest: engines.vscode satisfies the language client's", () => {
  const mine = manifest.engines && manifest.engines.vscode;
  assert.match(mine, /^\^\d+\.\d+\.\d+$/);
  // vscode-languageclient 9 needs VS Code 1.82 or later.
  const [maj, min] = mine.slice(1).split(".").map(Number);
  assert.ok(maj > 1 || (maj === 1 && min >= 82), `${mine} is older than ^1.82.0`);
  assert.ok(manifest.dependencies["vscode-languageclient"].startsWith("^9."));
});
check("manifest: main and activation", () => {
  assert.ok(fs.existsSync(path.join(ext, manifest.main)), manifest.main);
  assert.deepStrictEqual(manifest.activationEvents, ["onLanguage:phantom"]);
  const src = fs.readFileSync(path.join(ext, manifest.main), "utf8");
  assert.match(src, /module\.exports\s*=\s*\{\s*activate,\s*deactivate\s*\}/);
});
check("manifest: language, its configuration and grammar files", () => {
  const [lang] = manifest.contributes.languages;
  assert.strictEqual(lang.id, "phantom");
  assert.deepStrictEqual(lang.extensions, [".ph"]);
  const conf = JSON.parse(fs.readFileSync(path.join(ext, lang.configuration), "utf8"));
  assert.strictEqual(conf.comments.lineComment, "//");
  const [g] = manifest.contributes.grammars;
  assert.strictEqual(g.language, "phantom");
  const grammar = JSON.parse(fs.readFileSync(path.join(ext, g.path), "utf8"));
  assert.strictEqual(grammar.scopeName, g.scopeName);
});
check("manifest: settings the client reads are declared", () => {
  const src = fs.readFileSync(path.join(ext, manifest.main), "utf8");
  const props = manifest.contributes.configuration.properties;
  for (const key of ["phantom.server.path", "phantom.classPath"]) {
    assert.ok(props[key], `${key} not declared`);
    const short = key.replace(/^phantom\./, "");
    assert.ok(src.includes(`"${short}"`) || src.includes(`'${short}'`), `${key} not read by ${manifest.main}`);
  }
});

// --- The grammar ----------------------------------------------------------
async function grammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const g = manifest.contributes.grammars.find((x) => x.scopeName === scope);
      if (!g) return null;
      const file = path.join(ext, g.path);
      return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  return registry.loadGrammar("source.phantom");
}

// Every (text, scopes) token of the sample.
function tokenize(g, text) {
  const out = [];
  let stack = vsctm.INITIAL;
  text.split("\n").forEach((line, n) => {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ line: n + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

// (line, text of the token, a scope it must have)
const EXPECTED = [
  [1, "package", "keyword.other.phantom"],
  [1, ".demo", "entity.name.type.phantom"],
  [3, "import", "keyword.other.phantom"],
  [5, "// A square: a line comment.", "comment.line.double-slash.phantom"],
  [6, "class", "keyword.other.phantom"],
  [6, "square", "entity.name.type.class.phantom"],
  [6, "extends", "keyword.other.phantom"],
  [6, "shape", "entity.name.type.phantom"],
  [6, ".demo.drawable", "entity.name.type.phantom"],
  [8, "var", "keyword.other.phantom"],
  [8, "int", "storage.type.phantom"],
  [10, "/*", "comment.block.phantom"],
  [11, "       over two lines. ", "comment.block.phantom"],
  [12, "area", "entity.name.function.phantom"],
  [12, "[16]", "constant.numeric.ordinal.phantom"],
  [14, ".phantom.util.hashmap", "entity.name.type.phantom"],
  [15, "new", "keyword.other.phantom"],
  [16, "square", "entity.name.type.phantom"],
  [17, "square", "entity.name.type.phantom"],
  [18, "if", "keyword.control.phantom"],
  [18, "0x1F", "constant.numeric.phantom"],
  [19, "return", "keyword.control.phantom"],
  [19, "42", "constant.numeric.phantom"],
  [20, "side ", "string.quoted.double.phantom"],
  [20, "\\\"", "constant.character.escape.phantom"],
];

// Names that must not be classed as types or keywords.
const PLAIN = [
  [8, "side"],
  [19, "side"],
];

grammar()
  .then((g) => {
    const sample = fs.readFileSync(path.join(__dirname, "sample.ph"), "utf8");
    const tokens = tokenize(g, sample);
    for (const [line, text, scope] of EXPECTED) {
      check(`line ${line}: ${JSON.stringify(text)} is ${scope}`, () => {
        const t = tokens.filter((t) => t.line === line && t.text === text);
        assert.ok(t.length > 0, `no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(tokens.filter((t) => t.line === line).map((t) => [t.text, t.scopes.slice(1)]))}`);
        assert.ok(t.some((t) => t.scopes.includes(scope)), `scopes ${JSON.stringify(t.map((t) => t.scopes))}`);
      });
    }
    for (const [line, name] of PLAIN) {
      check(`line ${line}: ${name} is plain`, () => {
        for (const t of tokens.filter((t) => t.line === line && t.text.trim() === name)) {
          assert.deepStrictEqual(t.scopes, ["source.phantom"]);
        }
      });
    }
  })
  .catch((e) => {
    failures++;
    console.log(`FAIL grammar: ${e.stack}`);
  })
  .finally(() => {
    if (failures > 0) {
      console.log(`${failures} check(s) failed`);
      process.exit(1);
    }
    console.log("all checks passed");
  });
