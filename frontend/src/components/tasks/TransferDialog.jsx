import { useEffect, useId, useState } from 'react'

import { roleMembers, roles as listRoles, searchColleagues } from '../../api/auth.js'
import { transferTask } from '../../api/workflow.js'
import { FieldError } from '../States.jsx'
import Dialog from './Dialog.jsx'
import { DialogAlert, DialogButtons, TextField } from './DialogParts.jsx'
import { useDialogSubmit } from './useDialogSubmit.js'

const label = (person) => (person.name ? `${person.name} (${person.email})` : person.email)

// Who may take the step: admins list the role's holders (auth_service role members);
// others search the colleague directory, narrowed to holders of the step's role.
function useCandidates({ roleId, isAdmin, search, exclude }) {
  const [mode, setMode] = useState(isAdmin ? 'members' : 'search')
  const [people, setPeople] = useState([])
  const [loading, setLoading] = useState(false)
  const [roleName, setRoleName] = useState(null)

  useEffect(() => {
    if (mode !== 'members') return undefined
    let live = true
    setLoading(true)
    roleMembers(roleId).then(
      (page) => {
        if (!live) return
        setPeople((page?.results || []).filter((p) => p.is_active !== false))
        setLoading(false)
      },
      () => live && (setMode('search'), setLoading(false)),
    )
    return () => {
      live = false
    }
  }, [mode, roleId])

  useEffect(() => {
    if (mode !== 'search') return undefined
    let live = true
    listRoles().then(
      (page) => {
        const role = (page?.results || []).find((r) => String(r.id) === String(roleId))
        if (live && role) setRoleName(`${role.system || 'tts'}:${role.name}`)
      },
      () => {},
    )
    return () => {
      live = false
    }
  }, [mode, roleId])

  useEffect(() => {
    if (mode !== 'search') return undefined
    const term = search.trim()
    if (term.length < 2) {
      setPeople([])
      return undefined
    }
    let live = true
    const timer = setTimeout(() => {
      setLoading(true)
      searchColleagues(term).then(
        (page) => {
          if (!live) return
          setPeople(page?.results || [])
          setLoading(false)
        },
        () => live && (setPeople([]), setLoading(false)),
      )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [mode, search])

  const shown = people
    .filter((p) => !exclude.includes(String(p.id)))
    .filter((p) => mode !== 'search' || !roleName || !Array.isArray(p.roles) || p.roles.includes(roleName))
  return { mode, people: shown, loading }
}

// Hand the current step to another available holder of its role: POST .../transfer/ {user_id, reason}.
export default function TransferDialog({ taskId, roleId, isAdmin, exclude = [], onDone, onConflict, onClose }) {
  const id = useId()
  const [search, setSearch] = useState('')
  const [userId, setUserId] = useState('')
  const [reason, setReason] = useState('')
  const { mode, people, loading } = useCandidates({ roleId, isAdmin, search, exclude: exclude.map(String) })
  const shownIds = people.map((p) => String(p.id)).join(',')
  useEffect(() => {
    // a new search that no longer lists the chosen person drops the choice
    if (userId && !shownIds.split(',').includes(userId)) setUserId('')
  }, [shownIds, userId])
  const { busy, errors, setErrors, run } = useDialogSubmit({
    fieldNames: ['user_id', 'reason'],
    onDone,
    onConflict,
  })

  const submit = (event) => {
    event.preventDefault()
    const fields = {}
    if (!userId) fields.user_id = 'Choose a person.'
    if (!reason.trim()) fields.reason = 'A reason is required.'
    if (Object.keys(fields).length) {
      setErrors({ message: '', fields })
      return
    }
    run(() => transferTask(taskId, { userId, reason: reason.trim() }))
  }

  const selectId = `${id}-user`
  const userError = errors.fields.user_id
  return (
    <Dialog title="Transfer" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">Only available holders of this step’s role can take it.</p>
        {mode === 'search' && (
          <div className="field">
            <label htmlFor={`${id}-search`}>Find a colleague</label>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              aria-describedby={`${id}-search-hint`}
              autoComplete="off"
            />
            <span id={`${id}-search-hint`} className="hint">
              Type two letters or more of a name or email.
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor={selectId}>Transfer to</label>
          <select
            id={selectId}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            aria-invalid={userError ? true : undefined}
            aria-describedby={userError ? `${selectId}-error` : undefined}
          >
            <option value="">{loading ? 'Loading…' : people.length ? 'Choose a person' : 'Nobody found yet'}</option>
            {people.map((person) => (
              <option key={person.id} value={String(person.id)}>
                {label(person)}
              </option>
            ))}
          </select>
          <FieldError id={`${selectId}-error`} error={userError} />
        </div>
        <TextField
          id={`${id}-reason`}
          label="Reason"
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          required
          rows={3}
        />
        <DialogAlert message={errors.message} />
        <DialogButtons busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  )
}
