import { useEffect, useRef, useState } from 'react'

import { deleteComment, editComment } from '../../api/messaging.js'
import { FieldError } from '../States.jsx'
import { AttachmentList } from '../tickets/TicketDetails.jsx'
import { formatDateTime } from '../tickets/format.js'

export default function CommentItem({ comment, mine, canDelete, onChanged, onDeleted }) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const editButton = useRef(null)
  const deleteButton = useRef(null)
  const confirmButton = useRef(null)
  const editBox = useRef(null)
  const restoreFocus = useRef(null)

  useEffect(() => {
    if (confirming) confirmButton.current?.focus()
  }, [confirming])
  useEffect(() => {
    if (editing) editBox.current?.focus()
  }, [editing])
  useEffect(() => {
    if (!editing && !confirming && restoreFocus.current) {
      restoreFocus.current.current?.focus()
      restoreFocus.current = null
    }
  }, [editing, confirming])

  const startEdit = () => {
    setDraft(comment.body || '')
    setError('')
    setEditing(true)
  }
  const cancelEdit = () => {
    restoreFocus.current = editButton
    setEditing(false)
  }
  const save = async (event) => {
    event.preventDefault()
    if (!draft.trim()) {
      setError('A comment cannot be empty.')
      return
    }
    setBusy(true)
    try {
      onChanged(await editComment(comment.id, draft))
      restoreFocus.current = editButton
      setEditing(false)
    } catch (caught) {
      setError(caught.fields?.body || caught.detail)
    } finally {
      setBusy(false)
    }
  }
  const cancelDelete = () => {
    restoreFocus.current = deleteButton
    setConfirming(false)
  }
  const remove = async () => {
    setBusy(true)
    try {
      await deleteComment(comment.id)
      onDeleted(comment.id)
    } catch (caught) {
      setError(caught.status === 404 ? 'This comment is gone already.' : caught.detail)
      if (caught.status === 404) onDeleted(comment.id)
      setBusy(false)
      setConfirming(false)
    }
  }

  const headingId = `comment-${comment.id}-author`
  return (
    <article className={`comment${comment.is_internal ? ' comment-internal' : ''}`} aria-labelledby={headingId}>
      <header className="comment-head">
        <strong id={headingId}>{comment.author?.name || 'Someone'}</strong>
        <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
        {comment.is_internal && <span className="badge internal-note">Internal note</span>}
        {comment.edited_at && (
          <span className="muted edited" title={`Edited ${formatDateTime(comment.edited_at)}`}>
            (edited)
          </span>
        )}
      </header>
      {editing ? (
        <form className="comment-edit" onSubmit={save} onKeyDown={(event) => event.key === 'Escape' && cancelEdit()}>
          <label htmlFor={`comment-edit-${comment.id}`}>Edit text</label>
          <textarea
            ref={editBox}
            id={`comment-edit-${comment.id}`}
            rows={4}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? `comment-edit-${comment.id}-error` : undefined}
          />
          <FieldError id={`comment-edit-${comment.id}-error`} error={error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button type="button" onClick={cancelEdit}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        // body_html is sanitized by messaging_service (no scripts, handlers or unsafe links)
        <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.body_html || '' }} />
      )}
      <AttachmentList attachments={comment.attachments} label="Files attached" />
      {!editing && error && (
        <p className="state state-error" role="alert">
          {error}
        </p>
      )}
      {!editing && (mine || canDelete) && (
        <div className="comment-actions">
          {confirming ? (
            <div className="confirm" role="group" aria-label="Confirm deletion" onKeyDown={(event) => event.key === 'Escape' && cancelDelete()}>
              <span>Delete this comment?</span>
              <button ref={confirmButton} type="button" className="danger" onClick={remove} disabled={busy}>
                Yes, delete
              </button>
              <button type="button" onClick={cancelDelete} disabled={busy}>
                Keep it
              </button>
            </div>
          ) : (
            <>
              {mine && (
                <button ref={editButton} type="button" onClick={startEdit}>
                  Edit
                </button>
              )}
              <button ref={deleteButton} type="button" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </article>
  )
}
