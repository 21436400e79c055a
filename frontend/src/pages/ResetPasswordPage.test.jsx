import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../api/auth.js'
import { ApiError } from '../api/http.js'
import ResetPasswordPage, { checkNewPassword } from './ResetPasswordPage.jsx'

vi.mock('../api/auth.js')

function renderAt(path) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/login" element={<p>sign-in page</p>} />
      </Routes>
    </MemoryRouter>,
  )
}

describe('ResetPasswordPage', () => {
  afterEach(() => vi.resetAllMocks())

  it('checks the two new passwords before sending', () => {
    expect(checkNewPassword({ next: '', repeat: '' })).toEqual({
      next: 'Enter a new password.',
      repeat: 'Repeat the new password.',
    })
    expect(checkNewPassword({ next: 'a', repeat: 'b' })).toEqual({ repeat: 'The new passwords do not match.' })
    expect(checkNewPassword({ next: 'a', repeat: 'a' })).toEqual({})
  })

  it('asks for a link by email and says what happens next', async () => {
    auth.requestPasswordReset.mockResolvedValue({ detail: 'ok' })
    const user = userEvent.setup()
    renderAt('/reset-password')

    await user.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(screen.getByText('Enter your email address.')).toBeInTheDocument()
    expect(auth.requestPasswordReset).not.toHaveBeenCalled()

    await user.type(screen.getByLabelText('Email'), ' rita@example.com ')
    await user.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(auth.requestPasswordReset).toHaveBeenCalledWith('rita@example.com')
    expect(await screen.findByRole('status')).toHaveTextContent('If rita@example.com has an account')
  })

  it('sets the new password with the token from the link', async () => {
    auth.confirmPasswordReset.mockResolvedValue({ detail: 'ok' })
    const user = userEvent.setup()
    renderAt('/reset-password?token=abc123')

    await user.type(screen.getByLabelText('New password'), 'Long enough 2026!')
    await user.type(screen.getByLabelText('Repeat the new password'), 'Long enough 2026!')
    await user.click(screen.getByRole('button', { name: 'Set password' }))

    expect(auth.confirmPasswordReset).toHaveBeenCalledWith('abc123', 'Long enough 2026!')
    expect(await screen.findByRole('status')).toHaveTextContent('Your password is set.')
    await user.click(screen.getByRole('link', { name: 'Sign in' }))
    expect(screen.getByText('sign-in page')).toBeInTheDocument()
  })

  it('shows why the server refused: a weak password on its field, a used link as a message', async () => {
    const user = userEvent.setup()
    renderAt('/reset-password?token=abc123')
    const fill = async (password) => {
      await user.clear(screen.getByLabelText('New password'))
      await user.clear(screen.getByLabelText('Repeat the new password'))
      await user.type(screen.getByLabelText('New password'), password)
      await user.type(screen.getByLabelText('Repeat the new password'), password)
      await user.click(screen.getByRole('button', { name: 'Set password' }))
    }

    auth.confirmPasswordReset.mockRejectedValueOnce(new ApiError(400, { new_password: ['This password is too common.'] }))
    await fill('password')
    expect(await screen.findByText('This password is too common.')).toBeInTheDocument()
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true')

    auth.confirmPasswordReset.mockRejectedValueOnce(new ApiError(400, { token: ['This link is invalid or has expired.'] }))
    await fill('Long enough 2026!')
    expect(await screen.findByText(/This link is invalid or has expired./)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument()
  })
})
