import Field from './Field.jsx'
import { PROFILE_FIELDS } from './profileFields.js'

// The editable profile fields of an account (invite and details forms); ids start with `idPrefix`.
export default function ProfileFields({ idPrefix, values, errors, set }) {
  return PROFILE_FIELDS.map((field) => (
    <Field
      key={field.key}
      id={`${idPrefix}-${field.key}`}
      label={field.label}
      type={field.type || 'text'}
      autoComplete={field.autoComplete}
      maxLength={field.maxLength}
      value={values[field.key]}
      onChange={set(field.key)}
      error={errors[field.key]}
    />
  ))
}
