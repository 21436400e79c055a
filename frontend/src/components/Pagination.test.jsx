import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Pagination, countLabel } from './Pagination'

describe('Pagination', () => {
  it('shows an exact count as it is and stops at the last page', () => {
    render(<Pagination page={5} pageSize={20} count={97} next={null} onPage={() => {}} />)

    expect(screen.getByText('Page 5 of 5')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled()
  })

  it('says "about" above 1,000 and follows the next link rather than the estimate', async () => {
    const onPage = vi.fn()
    render(<Pagination page={60} pageSize={20} count={1200} next="/api/v1/tickets/?page=61" onPage={onPage} />)

    expect(screen.getByText('Page 60 of about 60')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(onPage).toHaveBeenCalledWith(61)
  })

  it('counts exactly up to 1,000 and says "about" above', () => {
    expect(countLabel(1, 'ticket', 'tickets')).toBe('1 ticket')
    expect(countLabel(0, 'ticket', 'tickets')).toBe('0 tickets')
    expect(countLabel(1000, 'ticket', 'tickets')).toBe('1000 tickets')
    expect(countLabel(6612, 'ticket', 'tickets')).toBe('about 6,612 tickets')
  })

  it('hides itself for a single page', () => {
    const { container } = render(<Pagination page={1} pageSize={20} count={3} next={null} onPage={() => {}} />)

    expect(container).toBeEmptyDOMElement()
  })
})
