// Page controls for a DRF list ({count, next, previous, results}).
// Above EXACT_UP_TO matches the API's count is the database's estimate (docs/api.md,
// Pagination): the total is shown as "about", and then `next` says whether there is a
// next page.
export const EXACT_UP_TO = 1000

// "1 ticket", "97 tickets", or "about 6,600 tickets" when the count is an estimate.
export function countLabel(count, one, many) {
  if (count === 1) return `1 ${one}`
  return count > EXACT_UP_TO ? `about ${count.toLocaleString('en')} ${many}` : `${count} ${many}`
}

export function Pagination({ page, pageSize, count, next, onPage }) {
  const pages = Math.max(1, Math.ceil((count || 0) / pageSize))
  const estimated = count > EXACT_UP_TO
  const last = estimated && next !== undefined ? !next : page >= pages
  if (pages <= 1 && last) return null
  return (
    <nav className="pagination" aria-label="Pages">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span>
        Page {page} of {estimated ? `about ${pages.toLocaleString('en')}` : pages}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={last}>
        Next
      </button>
    </nav>
  )
}
