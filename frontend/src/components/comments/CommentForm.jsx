import { useState } from 'react'

import { postComment } from '../../api/messaging.js'
import { FieldError } from '../States.jsx'
import { fieldErrors } from '../tickets/fieldErrors.js'
import { formatSize } from '../tickets/format.js'
import MentionTextarea from './MentionTextarea.jsx'

export default function CommentForm({ number, isAgent, onPosted, onTyping }) {
  const [body, setBody] = useState('')
  const [internal, setInternal] = useState(false)
  const [files, setFiles] = useState([])
  const [fileKey, setFileKey] = useState(0)
  const [errors, setErrors] = useState({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState(null)

  const submit = async (event) => {
    event.preventDefault()
    setFormError('')
    if (!body.trim()) {
      setErrors({ body: 'Write a comment first.' })
      document.getElementById('comment-body')?.focus()
      return
    }
    setErrors({})
    setBusy(true)
    setProgress(files.length ? 0 : null)
    try {
      const comment = await postComment(
        { ticket: number, body, isInternal: isAgent && internal, files },
        files.length ? setProgress : undefined,
      )
      onPosted(comment)
      setBody('')
      setInternal(false)
      setFiles([])
      setFileKey((key) => key + 1)
    } catch (caught) {
      const fields = fieldErrors(caught)
      setErrors(fields)
      const known = ['body', 'files', 'is_internal']
      const stray = Object.entries(fields).filter(([key]) => !known.includes(key)).map(([, message]) => message)
      setFormError(stray.length ? stray.join(' ') : Object.keys(fields).length ? '' : caught.detail || 'The comment was not posted.')
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  const describedBy = (key) => (errors[key] ? `comment-${key}-error` : undefined)
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      {formError && (
        <p className="state state-error" role="alert">
          {formError}
        </p>
      )}
      <label htmlFor="comment-body">Comment</label>
      <MentionTextarea
        id="comment-body"
        rows={4}
        value={body}
        mentions={isAgent}
        onChange={(text) => {
          setBody(text)
          onTyping?.(isAgent && internal)
        }}
        aria-invalid={!!errors.body}
        aria-describedby={describedBy('body')}
        placeholder={isAgent ? 'Markdown; type @ and a name to mention a colleague' : 'Markdown is supported'}
      />
      <FieldError id="comment-body-error" error={errors.body} />

      {isAgent && (
        <div className="checkbox">
          <input id="comment-internal" type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
          <label htmlFor="comment-internal">Internal note</label>
        </div>
      )}
      <FieldError id="comment-is_internal-error" error={errors.is_internal} />

      <label htmlFor="comment-files">Attach files</label>
      <input key={fileKey} id="comment-files" type="file" multiple onChange={(event) => setFiles(Array.from(event.target.files || []))} aria-invalid={!!errors.files} aria-describedby={describedBy('files')} />
      <FieldError id="comment-files-error" error={errors.files} />
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
          <progress max={100} value={progress} aria-label="Upload progress" />
          <span role="status">Uploading… {progress}%</span>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          Post comment
        </button>
      </div>
    </form>
  )
}
