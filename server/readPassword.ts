/**
 * Reads a password from standard input, never from the command line (where
 * other users see it in the process list and it stays in shell history).
 * On a terminal it is asked twice without echo; piped, the first line is it.
 */
export async function readPassword(prompt: string, repeatPrompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').normalize('NFC');
  }
  const first = await askHidden(prompt);
  const second = await askHidden(repeatPrompt);
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(text);
        }
        if (ch === '\u0003') {
          done();
          return reject(new Error('Cancelled.'));
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
