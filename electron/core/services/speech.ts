import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import type { Ctx } from '../context';

/** An executable named `name` on the PATH (with .exe on Windows), or null. Looked up on every call: it may be installed meanwhile. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | null {
  const suffixes = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const suffix of suffixes) {
      const candidate = path.join(dir, `${name}${suffix}`);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here.
      }
    }
  }
  return null;
}

/**
 * espeak-ng's arguments: the voice, a slightly slow rate for people who hear poorly,
 * a WAV file when asked, and `--` so that a text starting with '-' is never read as an option.
 */
export function espeakArguments(text: string, language: Language, wavFile?: string): string[] {
  return ['-v', language, '-s', '150', ...(wavFile ? ['-w', wavFile] : []), '--', text.normalize('NFC')];
}

// One voice at a time: a new announcement cuts the previous one short instead of queueing behind it.
let speaking: ChildProcess | null = null;

function sayWithEspeak(binary: string, text: string, language: Language): void {
  speaking?.kill();
  // An argument array and no shell: the text can hold any character without being interpreted.
  const child = spawn(binary, espeakArguments(text, language), { stdio: 'ignore', shell: false, windowsHide: true });
  child.on('error', () => undefined);
  child.on('exit', () => {
    if (speaking === child) speaking = null;
  });
  speaking = child;
}

export function status(): ChannelOutput<'speech.status'> {
  const found = findOnPath('espeak-ng');
  return { espeak: { available: found !== null, path: found } };
}

export function say(input: ParsedInput<'speech.say'>, ctx: Ctx): ChannelOutput<'speech.say'> {
  const binary = findOnPath('espeak-ng');
  if (!binary) return { engine: 'none' };
  // A process is no part of the transaction: started once it has committed.
  ctx.afterCommit(() => sayWithEspeak(binary, input.text, input.language));
  return { engine: 'espeak-ng' };
}
