import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../../api/auth.js'
import { ApiError } from '../../api/http.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import PasswordForm from './PasswordForm.jsx'

vi.mock('../../api/auth.js', async (importOriginal) => ({ ...(await importOriginal()), changePassword: vi.fn() }))
vi.mock('../../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

async function fill(user, current, next, repeat) {
  if (current) await user.type(screen.getByLabelText('Current password'), current)
  if (next) await user.type(screen.getByLabelText('New password'), next)
  if (repeat) await user.type(screen.getByLabelText('Repeat new password'), repeat)
  await user.click(screen.getByRole('button', { name: 'Change password' }))
}

describe('PasswordForm', () => {
  const setUser = vi.fn()
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { id: 7, email: 'ana@example.com' }, setUser })
  })

  it('says so when the new passwords do not match, without calling the API', async () => {
    const user = userEvent.setup()
    render(<PasswordForm />)
    await fill(user, 'old-secret', 'N3w-secret-long', 'N3w-secret-lung')
    expect(screen.getByText('The new passwords do not match.')).toBeInTheDocument()
    expect(screen.getByLabelText('Repeat new password')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Repeat new password')).toHaveAccessibleDescription('The new passwords do not match.')
    expect(screen.getByLabelText('Repeat new password')).toHaveFocus()
    expect(auth.changePassword).not.toHaveBeenCalled()
  })

  it('shows API errors next to their fields', async () => {
    auth.changePassword.mockRejectedValue(
      new ApiError(400, { new_password: ['This password is too short. It must contain at least 12 characters.'] }),
    )
    const user = userEvent.setup()
    render(<PasswordForm />)
    await fill(user, 'old-secret', 'short', 'short')
    expect(auth.changePassword).toHaveBeenCalledWith('old-secret', 'short')
    const message = await screen.findByText('This password is too short. It must contain at least 12 characters.')
    expect(message).toHaveAttribute('id', 'password-next-error')
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('Please correct the marked fields.')).toBeInTheDocument()
  })

  it('shows a wrong current password', async () => {
    auth.changePassword.mockRejectedValue(new ApiError(400, { current_password: ['The current password is not correct.'] }))
    const user = userEvent.setup()
    render(<PasswordForm />)
    await fill(user, 'wrong', 'A-much-better-passw0rd', 'A-much-better-passw0rd')
    expect(await screen.findByText('The current password is not correct.')).toHaveAttribute('id', 'password-current-error')
  })

  it('changes the password and takes the new session user', async () => {
    auth.changePassword.mockResolvedValue({ access: 'a', refresh: 'r', user: { id: 7, email: 'ana@example.com', roles: [] } })
    const user = userEvent.setup()
    render(<PasswordForm />)
    await fill(user, 'old-secret', 'A-much-better-passw0rd', 'A-much-better-passw0rd')
    expect(await screen.findByText(/Password changed/)).toBeInTheDocument()
    expect(setUser).toHaveBeenCalledWith({ id: 7, email: 'ana@example.com', roles: [] })
    expect(screen.getByLabelText('Current password')).toHaveValue('')
  })
})
