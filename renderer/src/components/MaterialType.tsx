import { useTranslation } from 'react-i18next';
import { materialTypes, type MaterialType } from '../../../shared/domain';
import { Field } from './FormField';

/** Every material type as an option, in the UI language. */
export function MaterialTypeOptions() {
  const { t } = useTranslation();
  return (
    <>
      {materialTypes.map((m) => (
        <option key={m} value={m}>
          {t(`ui.catalog.materialTypes.${m}`)}
        </option>
      ))}
    </>
  );
}

/** A labelled choice of material type, for the forms that describe a title. */
export function MaterialTypeField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: MaterialType;
  onChange: (type: MaterialType) => void;
}) {
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => onChange(event.target.value as MaterialType)}
          data-testid={id}
        >
          <MaterialTypeOptions />
        </select>
      )}
    </Field>
  );
}
