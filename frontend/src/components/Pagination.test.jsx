import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Pagination } from './Pagination'

describe('Pagination', () => {
  it('shows an exact count as it is and stops at the last page', () => {
    render(<Pagination page={5} pageSize={20} count={97} next={null} onPage={() => {}} />)

    expect(screen.getByText('Page 5 of 5')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled()
  })

  it('says "about" above 10,000 and follows the next link rather than the estimate', async () => {
    const onPage = vi.fn()
    render(<Pagination page={600} pageSize={20} count={12000} next="/api/v1/tickets/?page=601" onPage={onPage} />)

    expect(screen.getByText('Page 600 of about 600')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(onPage).toHaveBeenCalledWith(601)
  })

  it('hides itself for a single page', () => {
    const { container } = render(<Pagination page={1} pageSize={20} count={3} next={null} onPage={() => {}} />)

    expect(container).toBeEmptyDOMElement()
  })
})
