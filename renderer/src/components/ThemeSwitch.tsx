import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { themeSchema, type Theme } from '../../../shared/domain';

const themes = themeSchema.options;

interface ThemeSwitchProps {
  value: Theme;
  onChange: (theme: Theme) => void;
  /** The visible label; the header's by default. */
  label?: string;
  testId: string;
}

/**
 * A react-aria select (button + listbox): Enter, Space or Alt+ArrowDown opens it,
 * arrows move, Enter chooses, Escape closes. The chosen theme is marked by a tick, not colour alone.
 */
export function ThemeSwitch({ value, onChange, label, testId }: ThemeSwitchProps) {
  const { t } = useTranslation();
  return (
    <Select
      className="theme-switch"
      selectedKey={value}
      onSelectionChange={(key) => {
        const chosen = themeSchema.safeParse(key);
        if (chosen.success && chosen.data !== value) onChange(chosen.data);
      }}
      data-testid={testId}
    >
      <Label className="theme-label">{label ?? t('ui.a11y.theme.label')}</Label>
      <Button className="select-button" data-testid={`${testId}-button`}>
        {/* The name only: the tick belongs to the open list. */}
        <SelectValue>{({ selectedText }) => selectedText}</SelectValue>
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {themes.map((theme) => (
            <ListBoxItem key={theme} id={theme} className="select-option" textValue={t(`ui.a11y.theme.${theme}`)}>
              {({ isSelected }) => (
                <>
                  <span className="select-tick" aria-hidden="true">
                    {isSelected ? '✓' : ''}
                  </span>
                  {t(`ui.a11y.theme.${theme}`)}
                </>
              )}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
