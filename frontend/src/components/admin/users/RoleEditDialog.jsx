// Rename a role or change its description, in a dialog; the API's errors stay in it.
import Dialog from '../../tasks/Dialog.jsx'
import '../../../styles/tasks.css' // the modal's own styles (.task-dialog)
import { RoleFields, useRoleForm } from './RoleForm.jsx'

export default function RoleEditDialog({ role, onSave, onClose }) {
  const form = useRoleForm({ name: role.name, description: role.description || '' }, async (fields) => {
    const changes = {}
    if (fields.name !== role.name) changes.name = fields.name
    if (fields.description !== (role.description || '')) changes.description = fields.description
    if (Object.keys(changes).length) await onSave(changes)
    onClose()
  }, 'edit-role')
  return (
    <Dialog title={`Edit role ${role.name}`} onClose={() => !form.busy && onClose()} className="au-dialog">
      <form onSubmit={form.submit} noValidate>
        <RoleFields form={form} idPrefix="edit-role" />
        {!role.is_custom && <p className="au-hint">A built-in role: it cannot be deleted, and Admin cannot be renamed.</p>}
        <div className="dialog-actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save role'}
          </button>
          <button type="button" onClick={onClose} disabled={form.busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
