// Starts `plc lsp` for .ph files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("phantom");
  const command = config.get("server.path", "plc");
  client = new LanguageClient(
    "phantom",
    "Phantom",
    { command, args: ["lsp"] },
    {
      documentSelector: [{ scheme: "file", language: "phantom" }],
      initializationOptions: { classPath: config.get("classPath", []) },
    }
  );
  context.subscriptions.push(client);
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
