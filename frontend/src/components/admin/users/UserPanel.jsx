// One user's panel beside the list: details, account status and roles.
import { useEffect, useRef } from 'react'

import { useAuth } from '../../../auth/AuthContext.jsx'
import { ErrorMessage, Loading } from '../../States.jsx'
import UserActivation from './UserActivation.jsx'
import UserDetailsForm from './UserDetailsForm.jsx'
import UserRoles from './UserRoles.jsx'
import { nameOf } from './helpers.js'
import { useUser } from './hooks.js'

export default function UserPanel({ userId, onClose, onChanged }) {
  const { user: me } = useAuth()
  const { data: user, error, loading, reload, setData } = useUser(userId)
  const heading = useRef(null)
  const shownId = user?.id

  // a newly opened user: move focus (and, on a phone, the view) to the panel
  useEffect(() => {
    if (shownId !== undefined) heading.current?.focus()
  }, [shownId])

  const changed = (answer) => {
    if (answer) setData(answer)
    else reload()
    onChanged()
  }

  const stale = user && String(user.id) !== String(userId)

  return (
    <section className="au-card au-panel" aria-labelledby="user-panel-heading" aria-busy={loading}>
      <div className="au-panel-head">
        <h2 id="user-panel-heading" ref={heading} tabIndex={-1}>
          {user && !stale ? nameOf(user) : 'User'}
        </h2>
        <button type="button" onClick={onClose}>
          Close <span className="au-sr-only">user details</span>
        </button>
      </div>
      {loading && (!user || stale) && <Loading label="Loading user…" />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {user && !stale && (
        <>
          <p className="au-email">{user.email}</p>
          {me && String(me.id) === String(user.id) && (
            <p className="au-hint au-self">This is your own account: the API does not let you deactivate it or change its roles.</p>
          )}
          <UserDetailsForm key={`details-${user.id}`} user={user} onSaved={changed} />
          <UserActivation key={`status-${user.id}`} user={user} onChanged={changed} />
          <UserRoles key={`roles-${user.id}`} user={user} onChanged={() => changed()} />
        </>
      )}
    </section>
  )
}
