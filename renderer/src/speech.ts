import i18next from 'i18next';
import type { DeskApi } from '../../shared/contract';
import type { Language, SpeechMode } from '../../shared/domain';

/**
 * Spoken announcements, optional (the setting `speech`): the platform's speech
 * synthesis when it has a voice for the language, else espeak-ng run by the
 * desk core (`speech.say`), else silence. Words on screen always say it all.
 */
export type SpeechEngine = 'platform' | 'espeak-ng' | 'none';

let mode: SpeechMode = 'off';
let desk: DeskApi | null = null;

export function setSpeechMode(next: SpeechMode): void {
  mode = next;
  if (next === 'off') globalThis.speechSynthesis?.cancel();
}

export function connectSpeech(api: DeskApi): void {
  desk = api;
}

const bcp47: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** The platform's voice for a language (vi: any vi-* voice), or null. */
export function platformVoice(language: Language): SpeechSynthesisVoice | null {
  const synth = globalThis.speechSynthesis;
  if (!synth) return null;
  const voices = synth.getVoices();
  return (
    voices.find((v) => v.lang.toLowerCase() === bcp47[language].toLowerCase()) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(language)) ??
    null
  );
}

function sayOnPlatform(text: string, language: Language, voice: SpeechSynthesisVoice): void {
  const synth = globalThis.speechSynthesis;
  synth.cancel(); // the newest result matters, not a queue of old ones
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  synth.speak(utterance);
}

/** Say a text in one engine chosen by `how`; answers which engine spoke. */
export async function speak(text: string, how: SpeechMode = mode): Promise<SpeechEngine> {
  if (how === 'off' || !text.trim()) return 'none';
  const language: Language = i18next.language === 'en' ? 'en' : 'vi';
  if (how === 'platform' || how === 'auto') {
    const voice = platformVoice(language);
    if (voice) {
      try {
        sayOnPlatform(text, language, voice);
        return 'platform';
      } catch {
        // Fall through to espeak-ng in automatic mode; silence otherwise.
      }
    }
    if (how === 'platform') return 'none';
  }
  if (!desk) return 'none';
  const result = await desk.speech.say({ text, language });
  return result.ok ? result.data.engine : 'none';
}

/** An announcement, read aloud when the setting asks for it. Never throws, never waits. */
export function speakAnnouncement(text: string): void {
  if (mode === 'off') return;
  void speak(text).catch(() => undefined);
}
