// Name and description of a role: creating one (a card on the page) or editing one (in a dialog).
import { useState } from 'react'

import { apiErrors, formError } from '../../profile/errors.js'
import Field from './Field.jsx'

const KEYS = ['name', 'description']
export const NAME_HINT = 'Letters, digits, spaces and & . - (up to 100).'

// `save(values)` is the API call; its field errors land under the fields.
export function useRoleForm(initial, save, idPrefix) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)

  const set = (key) => (value) => setValues((current) => ({ ...current, [key]: value }))
  const submit = async (event) => {
    event.preventDefault()
    setErrors({})
    setProblem('')
    const fields = { name: values.name.trim(), description: values.description.trim() }
    if (!fields.name) {
      setErrors({ name: 'Enter a name.' })
      document.getElementById(`${idPrefix}-name`)?.focus()
      return
    }
    setBusy(true)
    try {
      await save(fields)
    } catch (caught) {
      const found = apiErrors(caught)
      setErrors(found)
      setProblem(formError(caught, KEYS))
      const first = KEYS.find((key) => found[key])
      if (first) document.getElementById(`${idPrefix}-${first}`)?.focus()
    } finally {
      setBusy(false)
    }
  }
  return { values, setValues, set, errors, problem, busy, submit }
}

export function RoleFields({ form, idPrefix }) {
  return (
    <>
      {form.problem && (
        <p className="state state-error" role="alert">
          {form.problem}
        </p>
      )}
      <Field
        id={`${idPrefix}-name`}
        label="Name"
        required
        maxLength={100}
        autoComplete="off"
        value={form.values.name}
        onChange={form.set('name')}
        error={form.errors.name}
        hint={NAME_HINT}
      />
      <div className="au-field">
        <label htmlFor={`${idPrefix}-description`}>Description</label>
        <textarea
          id={`${idPrefix}-description`}
          rows={2}
          maxLength={2000}
          value={form.values.description}
          onChange={(event) => form.set('description')(event.target.value)}
          aria-invalid={!!form.errors.description}
          aria-describedby={form.errors.description ? `${idPrefix}-description-error` : undefined}
        />
        {form.errors.description && (
          <span id={`${idPrefix}-description-error`} className="field-error" role="alert">
            {form.errors.description}
          </span>
        )}
      </div>
    </>
  )
}

export function RoleCreateForm({ system, onCreate }) {
  const form = useRoleForm({ name: '', description: '' }, async (fields) => {
    await onCreate(fields)
    form.setValues({ name: '', description: '' })
  }, 'new-role')
  return (
    <section className="au-card" aria-labelledby="new-role-heading">
      <h2 id="new-role-heading">New role in {system}</h2>
      <form onSubmit={form.submit} noValidate>
        <RoleFields form={form} idPrefix="new-role" />
        <div className="au-actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Creating…' : 'Create role'}
          </button>
        </div>
      </form>
    </section>
  )
}
