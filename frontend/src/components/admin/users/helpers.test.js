import { describe, expect, it } from 'vitest'

import { ApiError } from '../../../api/http.js'
import { adminSlugs, messageOf, nameOf, plural, rolesBySystem } from './helpers.js'

describe('admin user helpers', () => {
  it('groups "system:Role" names by system', () => {
    expect(rolesBySystem(['tts:Agent', 'hdts:Viewer', 'tts:Admin'])).toEqual([
      ['hdts', ['Viewer']],
      ['tts', ['Agent', 'Admin']],
    ])
    expect(rolesBySystem([])).toEqual([])
  })

  it('finds the systems the signed-in user administers', () => {
    expect(adminSlugs(['tts:Admin', 'tts:Agent', 'hdts:Admin', 'ams:Administrator'])).toEqual(['tts', 'hdts'])
  })

  it("turns an API error into the API's own words", () => {
    expect(messageOf(new ApiError(403, { detail: 'You cannot change your own roles.' }))).toBe('You cannot change your own roles.')
    expect(messageOf(new ApiError(400, { user_id: ['This account is deactivated.'] }))).toBe('This account is deactivated.')
    expect(messageOf(new ApiError(0, null))).toMatch(/Cannot reach the server/)
    expect(messageOf(new ApiError(500, null))).toBe('Request failed (500).')
  })

  it('names users and counts', () => {
    expect(nameOf({ id: 3, name: ' ', email: 'a@example.com' })).toBe('a@example.com')
    expect(nameOf({ id: 3, name: 'Ana Lyst', email: 'a@example.com' })).toBe('Ana Lyst')
    expect(plural(1, 'user')).toBe('1 user')
    expect(plural(2, 'user holds', 'users hold')).toBe('2 users hold')
  })
})
