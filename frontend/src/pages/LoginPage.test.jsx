import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../api/auth.js'
import { ApiError } from '../api/http.js'
import { AuthProvider } from '../auth/AuthContext.jsx'
import LoginPage from './LoginPage.jsx'

vi.mock('../api/auth.js')

const USER = { id: 42, email: 'rita@example.com', name: 'Rita Requester', roles: [] }
const ACCESS = `x.${btoa(JSON.stringify({ exp: Date.now() / 1000 + 600 }))}.y`

function renderLogin() {
  render(
    <MemoryRouter initialEntries={['/login']}>
      <AuthProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/tickets" element={<p>ticket list</p>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  )
}

async function fillAndSubmit(user, email = 'rita@example.com', password = 'secret') {
  await user.type(screen.getByLabelText('Email'), email)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('LoginPage', () => {
  beforeEach(() => {
    auth.refresh.mockRejectedValue(new ApiError(401, { detail: 'No session.' }))
  })

  it('asks for the missing fields before calling the server', async () => {
    const user = userEvent.setup()
    renderLogin()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(screen.getByText('Enter your email address.')).toBeInTheDocument()
    expect(screen.getByText('Enter your password.')).toBeInTheDocument()
    expect(auth.signIn).not.toHaveBeenCalled()
  })

  it('shows the server’s reason for a wrong password', async () => {
    auth.signIn.mockRejectedValue(new ApiError(401, { detail: 'Wrong email or password.' }))
    const user = userEvent.setup()
    renderLogin()
    await fillAndSubmit(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.')
  })

  it('tells how long to wait when locked out', async () => {
    auth.signIn.mockRejectedValue(new ApiError(429, { detail: 'Too many attempts.', retry_after: 300 }, 300))
    const user = userEvent.setup()
    renderLogin()
    await fillAndSubmit(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 300 seconds.')
  })

  it('explains a network failure', async () => {
    auth.signIn.mockRejectedValue(new ApiError(0, null))
    const user = userEvent.setup()
    renderLogin()
    await fillAndSubmit(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server')
  })

  it('asks for the second factor, then signs in with it', async () => {
    auth.signIn
      .mockRejectedValueOnce(new ApiError(401, { detail: 'Code required.', otp_required: true }))
      .mockResolvedValueOnce({ access: ACCESS, user: USER })
    const user = userEvent.setup()
    renderLogin()
    await fillAndSubmit(user)
    await user.type(await screen.findByLabelText('Authenticator code'), '123456')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('ticket list')).toBeInTheDocument()
    expect(auth.signIn).toHaveBeenLastCalledWith('rita@example.com', 'secret', '123456')
  })
})
