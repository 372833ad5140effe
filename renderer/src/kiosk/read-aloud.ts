/**
 * Reading the kiosk's screen aloud with the browser's own speech synthesis,
 * in the reader's language, only with a voice of that language: a Vietnamese
 * text read by an English voice helps no one.
 *
 * Seam: the desk's core speech channel (`speech.say`, espeak-ng on the desk
 * machine) is another way to speak. The kiosk may call only its allowlisted
 * kiosk.* channels, so using it means adding a kiosk channel that forwards to
 * it; `speakers` below is where such a speaker goes, tried after this one.
 */
export type Spoken = 'spoken' | 'noVoice' | 'unsupported';

type Speaker = (text: string, language: string) => Spoken;

function voiceFor(language: string): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang.toLowerCase().startsWith(language.toLowerCase()));
}

const browserSpeaker: Speaker = (text, language) => {
  if (typeof window.speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined')
    return 'unsupported';
  const voice = voiceFor(language);
  if (!voice) return 'noVoice';
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
  return 'spoken';
};

const speakers: Speaker[] = [browserSpeaker];

/** Speak with the first speaker that can; says which outcome, for the kiosk to show. */
export function readAloud(text: string, language: string): Spoken {
  let outcome: Spoken = 'unsupported';
  for (const speak of speakers) {
    outcome = speak(text, language);
    if (outcome === 'spoken') return outcome;
  }
  return outcome;
}

export function stopReading(): void {
  if (typeof window.speechSynthesis !== 'undefined') window.speechSynthesis.cancel();
}
