import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskClient } from './api/transport';
import { announce } from './announcer';
import { CatalogScreen } from './components/CatalogScreen';
import { CatalogIoScreen } from './components/CatalogIoScreen';
import { CheckoutScreen } from './components/CheckoutScreen';
import { DeliveriesScreen } from './components/DeliveriesScreen';
import { DevicesScreen } from './components/DevicesScreen';
import { ExceptionsScreen } from './components/ExceptionsScreen';
import { FirstRunDialog } from './components/FirstRunDialog';
import { Header } from './components/Header';
import { ReadersScreen } from './components/ReadersScreen';
import { ReturnScreen } from './components/ReturnScreen';
import { StatusBar } from './components/StatusBar';
import { SyncScreen } from './components/SyncScreen';
import type { Language, Settings, Theme } from '../../shared/domain';
import type { PatronCategoryInfo } from '../../shared/patron-record';
import { recordDeviceEvent, seedDeviceStates } from './device-events';
import { recordSyncEvent } from './sync-events';
import { DeskContext, type Desk, type DeskStatus } from './desk-context';
import { switchLanguage } from './i18n';
import { applyTheme } from './theme';
import { connectSpeech, setSpeechMode } from './speech';
import { goTo, useHashRoute } from './use-hash-route';
import { modalOpen, useShortcut } from './use-shortcut';
import { useStrayKeys } from './use-stray-keys';

/** The desk: header, the screen on show, the status bar, and the first-run choice when it is due. */
export function App({ client }: { client: DeskClient }) {
  const { t } = useTranslation();
  const { api, subscribe } = client;
  const screen = useHashRoute();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const [categories, setCategories] = useState<PatronCategoryInfo[]>([]);
  const [failure, setFailure] = useState('');
  const scanBox = useRef<HTMLInputElement>(null);
  const hardwareScan = useRef<((code: string) => void) | null>(null);

  const focusScanBox = useCallback(() => {
    if (!modalOpen()) scanBox.current?.focus();
  }, []);

  const refreshStatus = useCallback(() => {
    void api.system.status({}).then((result) => {
      if (result.ok) setStatus(result.data);
    });
  }, [api]);

  useEffect(() => {
    connectSpeech(api);
    let cancelled = false;
    void Promise.all([api.settings.get({}), api.system.status({})]).then(async ([s, st]) => {
      if (cancelled) return;
      if (!s.ok) return setFailure(s.error.message);
      await switchLanguage(s.data.language);
      applyTheme(s.data.theme);
      setSpeechMode(s.data.speech);
      if (st.ok) setStatus(st.data);
      setSettings(s.data);
    });
    // Category labels are a nicety: without them the catalogue's names are shown.
    void api.categories.list({}).then((result) => {
      if (!cancelled && result.ok) setCategories(result.data);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Pushed events: hardware scans go to the screen on show; changes refresh the counts once
  // the desk has been quiet for a moment, so a run of scans is not slowed by recounting.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe((event) => {
      if (event.type === 'scan') hardwareScan.current?.(event.code);
      if (event.type === 'scan' || event.type === 'device') recordDeviceEvent(event);
      if (event.type === 'sync') recordSyncEvent(event);
      // A push moves the count of events waiting: recount after it too.
      if (event.type === 'changed' || event.type === 'sync') {
        clearTimeout(timer);
        timer = setTimeout(refreshStatus, 400);
      }
    });
    // Scanners that connected before this page listened: their state from the list.
    void api.devices.list({}).then((result) => {
      if (result.ok) seedDeviceStates(result.data.scanners);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api, subscribe, refreshStatus]);

  async function changeLanguage(language: Language) {
    await switchLanguage(language);
    // The core words its error messages in the desk's language, so it follows too.
    const result = await api.settings.update({ language });
    if (result.ok) setSettings(result.data);
    else announce('error', result.error.message);
    focusScanBox();
  }

  async function changeTheme(theme: Theme) {
    applyTheme(theme);
    const result = await api.settings.update({ theme });
    if (result.ok) {
      setSettings(result.data);
      announce('success', t('ui.a11y.theme.changed', { theme: t(`ui.a11y.theme.${theme}`) }));
    } else announce('error', result.error.message);
  }

  /** Settings changed on another screen (speech, the display's theme): the desk follows. */
  const updateSettings = useCallback((next: Settings) => {
    setSettings(next);
    setSpeechMode(next.speech);
  }, []);

  // The window title names the screen and the library (WCAG 2.4.2), in the UI language.
  const screenTitle = t(screen === 'exceptions' ? 'ui.sync.exceptions.heading' : `ui.${screen}.heading`);
  const libraryName = settings?.libraryName;
  useEffect(() => {
    document.title = `${screenTitle} — ${libraryName ?? t('ui.appName')}`;
  }, [screenTitle, libraryName, t]);

  useShortcut('F2', () => goTo('checkout'));
  useShortcut('F3', () => goTo('return'));
  useShortcut('F4', () => goTo('readers'));
  useShortcut('F5', () => goTo('devices'));
  useShortcut('F6', () => goTo('catalog'));
  useStrayKeys(scanBox);

  const desk = useMemo<Desk | null>(
    () => (settings ? { api, settings, categories, scanBox, focusScanBox, hardwareScan, updateSettings } : null),
    [api, settings, categories, focusScanBox, updateSettings],
  );

  if (!desk) {
    return (
      <main className="loading">
        <p role={failure ? 'alert' : 'status'}>
          {failure ? t('ui.loadFailed', { message: failure }) : t('ui.loading')}
        </p>
      </main>
    );
  }

  return (
    <DeskContext value={desk}>
      <div className="app">
        <Header
          libraryName={desk.settings.libraryName}
          screen={screen}
          onLanguage={(l) => void changeLanguage(l)}
          theme={desk.settings.theme}
          onTheme={(theme) => void changeTheme(theme)}
        />
        <main className="main">
          {screen === 'checkout' ? (
            <CheckoutScreen />
          ) : screen === 'return' ? (
            <ReturnScreen />
          ) : screen === 'devices' ? (
            <DevicesScreen />
          ) : screen === 'catalog' ? (
            <CatalogScreen />
          ) : screen === 'catalogIo' ? (
            <CatalogIoScreen subscribe={subscribe} />
          ) : screen === 'deliveries' ? (
            <DeliveriesScreen />
          ) : screen === 'sync' ? (
            <SyncScreen />
          ) : screen === 'exceptions' ? (
            <ExceptionsScreen />
          ) : (
            <ReadersScreen />
          )}
        </main>
        <StatusBar status={status} operator={desk.settings.operator} api={api} timeZone={desk.settings.timeZone} />
        {status?.firstRunPending ? (
          <FirstRunDialog
            onDone={() => {
              refreshStatus();
              setStatus((s) => (s ? { ...s, firstRunPending: false } : s));
              // Two frames: the dialog's focus scope hands the focus back as it unmounts, then the scan box takes it.
              requestAnimationFrame(() => requestAnimationFrame(focusScanBox));
            }}
          />
        ) : null}
      </div>
    </DeskContext>
  );
}
