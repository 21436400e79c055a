// /profile: details, password, second factor and (agents) availability.
import { useAuth } from '../auth/AuthContext.jsx'
import { ErrorMessage, Loading } from '../components/States.jsx'
import AvailabilityForm from '../components/profile/AvailabilityForm.jsx'
import PasswordForm from '../components/profile/PasswordForm.jsx'
import ProfileDetailsForm from '../components/profile/ProfileDetailsForm.jsx'
import TwoFactorSection from '../components/profile/TwoFactorSection.jsx'
import { useProfile } from '../components/profile/hooks.js'
import '../styles/profile.css'

export default function ProfilePage() {
  const { isAgent } = useAuth()
  const { data: profile, error, loading, reload, setData } = useProfile()

  return (
    <section className="profile-page">
      <h1>Profile</h1>
      {loading && !profile && <Loading label="Loading your profile…" />}
      {error && !profile && <ErrorMessage error={error} onRetry={reload} />}
      {profile && (
        <ProfileDetailsForm profile={profile} onSaved={(answer) => setData({ ...profile, ...answer })} />
      )}
      <PasswordForm />
      {profile && (
        <TwoFactorSection
          enabled={!!profile.totp_enabled}
          onChange={(enabled) => setData({ ...profile, totp_enabled: enabled })}
        />
      )}
      {isAgent && <AvailabilityForm />}
    </section>
  )
}
