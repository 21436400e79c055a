// Search and the active/inactive filter of the users list. `values` come from the URL;
// `onChange(patch)` writes them back. The status applies at once, the search on submit.
import { useEffect, useState } from 'react'

export const STATUS_OPTIONS = [
  ['', 'Active and inactive'],
  ['true', 'Active'],
  ['false', 'Inactive'],
]

export default function UserFilters({ values, onChange }) {
  const [search, setSearch] = useState(values.search || '')
  // back/forward changed the URL: show what it now says
  useEffect(() => setSearch(values.search || ''), [values.search])

  const submit = (event) => {
    event.preventDefault()
    onChange({ search: search.trim() })
  }
  const clear = () => {
    setSearch('')
    onChange({ search: '', is_active: '' })
  }

  return (
    <form className="au-filters" role="search" aria-label="Find users" onSubmit={submit}>
      <div className="au-filter au-filter-search">
        <label htmlFor="users-search">Search users</label>
        <div className="au-search-row">
          <input
            id="users-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Name or email"
            maxLength={100}
          />
          <button type="submit">Search</button>
        </div>
      </div>
      <div className="au-filter">
        <label htmlFor="users-status">Status</label>
        <select id="users-status" value={values.is_active || ''} onChange={(event) => onChange({ is_active: event.target.value })}>
          {STATUS_OPTIONS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {(values.search || values.is_active) && (
        <div className="au-filter au-filter-clear">
          <button type="button" onClick={clear}>
            Clear filters
          </button>
        </div>
      )}
    </form>
  )
}
