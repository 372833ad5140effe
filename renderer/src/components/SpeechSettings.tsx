import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speechModeSchema, type SpeechMode } from '../../../shared/domain';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { platformVoice, speak } from '../speech';

const modes = speechModeSchema.options;

/** Reading results aloud: off, the platform's voice, espeak-ng, or automatic; what is there; a test button. */
export function SpeechSettings() {
  const { t, i18n } = useTranslation();
  const { api, settings, updateSettings } = useDesk();
  const id = useId();
  const [espeak, setEspeak] = useState<boolean | null>(null);
  const [voice, setVoice] = useState(() => platformVoice(i18n.language === 'en' ? 'en' : 'vi')?.name ?? null);
  const [tested, setTested] = useState('');

  useEffect(() => {
    void api.speech.status({}).then((result) => {
      if (result.ok) setEspeak(result.data.espeak.available);
    });
    // The platform's voices arrive late in some browsers.
    const synth = globalThis.speechSynthesis;
    const onVoices = () => setVoice(platformVoice(i18n.language === 'en' ? 'en' : 'vi')?.name ?? null);
    synth?.addEventListener('voiceschanged', onVoices);
    return () => synth?.removeEventListener('voiceschanged', onVoices);
  }, [api, i18n.language]);

  async function choose(speech: SpeechMode) {
    const result = await api.settings.update({ speech });
    if (!result.ok) return announce('error', describeError(result.error));
    updateSettings(result.data);
    announce('success', t('ui.a11y.speech.saved', { mode: t(`ui.a11y.speech.${speech}`) }));
  }

  async function test() {
    setTested('');
    // Off means "not during work"; the test still tries whatever voice is there.
    const engine = await speak(t('ui.a11y.speech.sample'), settings.speech === 'off' ? 'auto' : settings.speech);
    setTested(
      engine === 'none'
        ? t('ui.a11y.speech.silent')
        : t('ui.a11y.speech.spoke', { engine: engine === 'platform' ? t('ui.a11y.speech.platform') : 'espeak-ng' }),
    );
  }

  return (
    <div className="speech-settings">
      <p>{t('ui.a11y.speech.intro')}</p>
      <fieldset className="fieldset">
        <legend>{t('ui.a11y.speech.label')}</legend>
        {modes.map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name={`${id}-speech`}
              value={mode}
              checked={settings.speech === mode}
              onChange={() => void choose(mode)}
              data-testid={`speech-${mode}`}
            />
            <span>{t(`ui.a11y.speech.${mode}`)}</span>
          </label>
        ))}
      </fieldset>
      <ul className="speech-facts" data-testid="speech-status">
        <li>{voice ? t('ui.a11y.speech.platformYes', { voice }) : t('ui.a11y.speech.platformNo')}</li>
        {espeak === null ? null : <li>{espeak ? t('ui.a11y.speech.espeakYes') : t('ui.a11y.speech.espeakNo')}</li>}
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={() => void test()} data-testid="speech-test">
          {t('ui.a11y.speech.test')}
        </button>
      </div>
      <p role="status" className="hint" data-testid="speech-tested">
        {tested}
      </p>
    </div>
  );
}
