import { useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'

import { newIdempotencyKey } from '../api/http.js'
import { PRIORITIES, createTicket } from '../api/tickets.js'
import { FieldError } from '../components/States.jsx'
import { formatSize } from '../components/tickets/format.js'
import { fieldErrors, formErrorText } from '../components/tickets/fieldErrors.js'
import '../styles/tickets.css'

const FIELDS = ['subject', 'description', 'category', 'subcategory', 'department', 'priority', 'attachments']
const EMPTY = { subject: '', description: '', category: '', subcategory: '', department: '', priority: 'medium' }

export function validateTicket(values) {
  const errors = {}
  if (!values.subject.trim()) errors.subject = 'Enter a subject.'
  else if (values.subject.trim().length > 255) errors.subject = 'Keep the subject to 255 characters.'
  if (!values.category.trim()) errors.category = 'Enter a category.'
  return errors
}

export default function NewTicketPage() {
  const navigate = useNavigate()
  const [values, setValues] = useState(EMPTY)
  const [files, setFiles] = useState([])
  const [errors, setErrors] = useState({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState(null)
  // One Idempotency-Key per distinct submission: sending the same form again (after a lost
  // answer or a network error) cannot file the ticket twice; an edited form is a new one.
  const attempt = useRef({ signature: '', key: '' })

  const set = (key) => (event) => setValues((current) => ({ ...current, [key]: event.target.value }))

  const submit = async (event) => {
    event.preventDefault()
    setFormError('')
    const found = validateTicket(values)
    setErrors(found)
    if (Object.keys(found).length) {
      document.getElementById(`ticket-${Object.keys(found)[0]}`)?.focus()
      return
    }
    setBusy(true)
    setProgress(files.length ? 0 : null)
    try {
      const fields = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim ? value.trim() : value]))
      const signature = JSON.stringify([fields, files.map((file) => [file.name, file.size, file.lastModified])])
      if (attempt.current.signature !== signature) attempt.current = { signature, key: newIdempotencyKey() }
      const ticket = await createTicket(fields, files, files.length ? setProgress : undefined, attempt.current.key)
      navigate(`/tickets/${encodeURIComponent(ticket.number)}`)
    } catch (caught) {
      setErrors(fieldErrors(caught))
      setFormError(formErrorText(caught, FIELDS))
      setBusy(false)
      setProgress(null)
    }
  }

  const describedBy = (key, extra) => [errors[key] ? `ticket-${key}-error` : '', extra || ''].filter(Boolean).join(' ') || undefined

  return (
    <section className="new-ticket">
      <h1 id="new-ticket-heading">New ticket</h1>
      <form className="ticket-form" onSubmit={submit} noValidate>
        {formError && (
          <p className="state state-error" role="alert">
            {formError}
          </p>
        )}
        <label htmlFor="ticket-subject">Subject</label>
        <input id="ticket-subject" value={values.subject} onChange={set('subject')} maxLength={255} required aria-required="true" aria-invalid={!!errors.subject} aria-describedby={describedBy('subject')} />
        <FieldError id="ticket-subject-error" error={errors.subject} />

        <label htmlFor="ticket-description">Description</label>
        <textarea id="ticket-description" rows={6} value={values.description} onChange={set('description')} aria-invalid={!!errors.description} aria-describedby={describedBy('description')} />
        <FieldError id="ticket-description-error" error={errors.description} />

        <div className="form-row">
          <div>
            <label htmlFor="ticket-category">Category</label>
            <input id="ticket-category" value={values.category} onChange={set('category')} maxLength={100} required aria-required="true" aria-invalid={!!errors.category} aria-describedby={describedBy('category')} />
            <FieldError id="ticket-category-error" error={errors.category} />
          </div>
          {/* shown once a category is given (it narrows that category down) */}
          {(values.category.trim() || values.subcategory || errors.subcategory) && (
            <div>
              <label htmlFor="ticket-subcategory">Subcategory</label>
              <input id="ticket-subcategory" value={values.subcategory} onChange={set('subcategory')} maxLength={100} aria-invalid={!!errors.subcategory} aria-describedby={describedBy('subcategory')} />
              <FieldError id="ticket-subcategory-error" error={errors.subcategory} />
            </div>
          )}
        </div>

        <div className="form-row">
          <div>
            <label htmlFor="ticket-department">Department</label>
            <input id="ticket-department" value={values.department} onChange={set('department')} maxLength={100} aria-invalid={!!errors.department} aria-describedby={describedBy('department')} />
            <FieldError id="ticket-department-error" error={errors.department} />
          </div>
          <div>
            <label htmlFor="ticket-priority">Priority</label>
            <select id="ticket-priority" value={values.priority} onChange={set('priority')} aria-invalid={!!errors.priority} aria-describedby={describedBy('priority')}>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {priority}
                </option>
              ))}
            </select>
            <FieldError id="ticket-priority-error" error={errors.priority} />
          </div>
        </div>

        <label htmlFor="ticket-attachments">Attachments</label>
        <input id="ticket-attachments" type="file" multiple onChange={(event) => setFiles(Array.from(event.target.files || []))} aria-invalid={!!errors.attachments} aria-describedby={describedBy('attachments', 'ticket-attachments-hint')} />
        <span id="ticket-attachments-hint" className="hint">
          PDF, images, text, CSV or Office documents.
        </span>
        <FieldError id="ticket-attachments-error" error={errors.attachments} />
        {files.length > 0 && (
          <ul className="file-list" aria-label="Selected files">
            {files.map((file) => (
              <li key={`${file.name}-${file.size}`}>
                {file.name} <span className="muted">({formatSize(file.size)})</span>
              </li>
            ))}
          </ul>
        )}

        {progress !== null && (
          <div className="upload-progress">
            <progress id="ticket-upload-progress" max={100} value={progress} aria-label="Upload progress" />
            <span role="status">Uploading… {progress}%</span>
          </div>
        )}

        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create ticket'}
          </button>
          <button type="button" onClick={() => navigate('/tickets')} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
