import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../../api/auth.js'
import { ApiError } from '../../api/http.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import TwoFactorSection, { secretOf } from './TwoFactorSection.jsx'

vi.mock('../../api/auth.js', async (importOriginal) => ({
  ...(await importOriginal()),
  startTotp: vi.fn(),
  confirmTotp: vi.fn(),
  disableTotp: vi.fn(),
}))
vi.mock('../../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

const URI = 'otpauth://totp/TTS:ana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=TTS'

describe('TwoFactorSection', () => {
  const setUser = vi.fn()
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { id: 7, totp_enabled: false }, setUser })
  })

  it('reads the secret from the otpauth URI', () => {
    expect(secretOf(URI)).toBe('JBSWY3DPEHPK3PXP')
  })

  it('sets up: shows the secret and URI, then confirms a code', async () => {
    auth.startTotp.mockResolvedValue({ otpauth_uri: URI })
    auth.confirmTotp
      .mockRejectedValueOnce(new ApiError(400, { code: ['That code is not valid; check the time on your device and try again.'] }))
      .mockResolvedValueOnce({ detail: 'Second factor enabled. It is asked at your next sign-in.' })
    const onChange = vi.fn()
    const user = userEvent.setup()
    render(<TwoFactorSection enabled={false} onChange={onChange} />)
    await user.click(screen.getByRole('button', { name: 'Set up two-factor authentication' }))
    expect(await screen.findByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument()
    expect(screen.getByText(URI)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(screen.getByText('Enter the 6-digit code.')).toBeInTheDocument()
    expect(auth.confirmTotp).not.toHaveBeenCalled()

    await user.type(screen.getByLabelText('Code'), '123456')
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(await screen.findByText(/That code is not valid/)).toBeInTheDocument()

    await user.clear(screen.getByLabelText('Code'))
    await user.type(screen.getByLabelText('Code'), '654321')
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(auth.confirmTotp).toHaveBeenLastCalledWith('654321')
    expect(await screen.findByText(/Second factor enabled/)).toBeInTheDocument()
    expect(onChange).toHaveBeenCalledWith(true)
    expect(setUser).toHaveBeenCalledWith({ id: 7, totp_enabled: true })
  })

  it('turns off with a code', async () => {
    auth.disableTotp.mockResolvedValue(null)
    const onChange = vi.fn()
    const user = userEvent.setup()
    render(<TwoFactorSection enabled onChange={onChange} />)
    expect(screen.queryByRole('button', { name: 'Set up two-factor authentication' })).not.toBeInTheDocument()
    await user.type(screen.getByLabelText('Code'), '111222')
    await user.click(screen.getByRole('button', { name: 'Turn off two-factor authentication' }))
    expect(auth.disableTotp).toHaveBeenCalledWith('111222')
    expect(await screen.findByText('Two-factor authentication is off.')).toBeInTheDocument()
    expect(onChange).toHaveBeenCalledWith(false)
  })
})
