// Deactivate (every session ends at once) or reactivate an account, after a confirmation.
import { useState } from 'react'

import { setUserActive } from '../../../api/auth.js'
import ConfirmDialog from './ConfirmDialog.jsx'
import Notice from './Notice.jsx'
import { ActiveBadge } from './UserTable.jsx'
import { messageOf, nameOf } from './helpers.js'

export default function UserActivation({ user, onChanged }) {
  const [asking, setAsking] = useState(false)
  const [notice, setNotice] = useState(null)
  const name = nameOf(user)
  const deactivating = user.is_active

  const change = async () => {
    setNotice(null)
    try {
      const answer = await setUserActive(user.id, !deactivating)
      setNotice({ kind: 'ok', text: deactivating ? `${name} is deactivated.` : `${name} is active again.` })
      onChanged(answer)
    } catch (caught) {
      setNotice({ kind: 'error', text: messageOf(caught) })
    }
  }

  return (
    <section className="au-section" aria-labelledby="user-status-heading">
      <h3 id="user-status-heading">Account status</h3>
      <p className="au-status-line">
        <ActiveBadge active={user.is_active} />
        <span className="au-hint">
          {user.is_active ? 'Can sign in.' : 'Cannot sign in.'}
        </span>
      </p>
      <button type="button" className={deactivating ? 'au-danger' : undefined} onClick={() => setAsking(true)}>
        {deactivating ? 'Deactivate user' : 'Activate user'}
      </button>
      <Notice notice={notice} />
      {asking && (
        <ConfirmDialog
          title={deactivating ? `Deactivate ${name}?` : `Activate ${name}?`}
          confirmLabel={deactivating ? 'Deactivate' : 'Activate'}
          busyLabel={deactivating ? 'Deactivating…' : 'Activating…'}
          danger={deactivating}
          onConfirm={change}
          onClose={() => setAsking(false)}
        >
          {deactivating ? (
            <p>
              {name} ({user.email}) is signed out everywhere at once and cannot sign in until an admin activates the
              account again.
            </p>
          ) : (
            <p>
              {name} ({user.email}) can sign in again, with the roles the account still holds.
            </p>
          )}
        </ConfirmDialog>
      )}
    </section>
  )
}
