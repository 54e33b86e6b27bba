// Routes. Signed-out visitors see sign-in (or first-run setup) at whatever address they opened, so a
// shared link still lands on the right page after signing in.
import { lazy, Suspense } from "react";
import { ErrorBoundary } from "./components/error-boundary.js";
import { GlossaryProvider } from "./components/glossary.js";
import { Layout } from "./components/layout.js";
import { ErrorNotice, Loading } from "./components/states.js";
import { Link, decodeSegment, matchPath, useLocation } from "./lib/router.js";
import { SessionProvider, useSession } from "./lib/session.js";
import { BoardPage } from "./pages/board.js";
import { BriefsPage } from "./pages/briefs.js";
import { GlossaryPage } from "./pages/glossary.js";
import { LedgerPage } from "./pages/ledger.js";
import { NotFound } from "./pages/not-found.js";
import { PeoplePage } from "./pages/people.js";
import { NotificationsPage } from "./pages/notifications.js";
import { PortfolioPage } from "./pages/portfolio.js";
import { RisksPage } from "./pages/risks.js";
import { SetupPage, SignInPage } from "./pages/sign-in.js";
import { AcceptInvitationPage } from "./pages/accept-invitation.js";
import { ForgotPasswordPage } from "./pages/forgot-password.js";
import { ResetPasswordPage } from "./pages/reset-password.js";
import { SystemPage } from "./pages/system/system-page.js";
import { NewSystemPage } from "./pages/system-new.js";
import { TimelinePage } from "./pages/timeline.js";

// Connect data is for the few who wire data in: its code loads on the first visit, not with the app.
const ConnectPage = lazy(() => import("./pages/connect.js"));

function SignedInRoutes({ pathname }: { pathname: string }) {
  if (pathname === "/" || pathname === "/sign-in" || pathname === "/setup") return <PortfolioPage />;
  if (pathname === "/risks") return <RisksPage />;
  if (pathname === "/board") return <BoardPage />;
  if (pathname === "/briefs") return <BriefsPage />;
  if (pathname === "/ledger") return <LedgerPage />;
  if (pathname === "/timeline") return <TimelinePage />;
  if (pathname === "/glossary") return <GlossaryPage />;
  if (pathname === "/people") return <PeoplePage />;
  if (pathname === "/notifications") return <NotificationsPage />;
  if (pathname === "/connect")
    return (
      <Suspense fallback={<Loading label="Opening Connect data" />}>
        <ConnectPage />
      </Suspense>
    );
  if (pathname === "/systems/new") return <NewSystemPage />;
  const system = /^\/systems\/([^/]+)(\/.*)?$/.exec(pathname);
  const ref = system?.[1] ? decodeSegment(system[1]) : null;
  if (system && ref) return <SystemPage key={ref} systemRef={ref} rest={system[2] ?? ""} />;
  return <NotFound />;
}

function Screens() {
  const { state, recheck } = useSession();
  const { pathname } = useLocation();

  if (state.status === "checking") {
    return (
      <main id="main" className="auth">
        <Loading label="Opening Parley" />
      </main>
    );
  }
  if (state.status === "unreachable") {
    return (
      <main id="main" className="auth">
        <div className="auth-card">
          <h1>Parley is not reachable</h1>
          <ErrorNotice error={new Error(state.message)} onRetry={recheck} title="" />
        </div>
      </main>
    );
  }
  // E-mailed links work whether or not someone is signed in on this browser.
  const invite = matchPath("/invite/:token", pathname);
  if (invite?.token) return <AcceptInvitationPage key={invite.token} token={invite.token} />;
  const reset = matchPath("/reset/:token", pathname);
  if (reset?.token) return <ResetPasswordPage key={reset.token} token={reset.token} />;
  if (pathname === "/forgot-password") return <ForgotPasswordPage />;
  if (state.status === "signed-out") {
    if (matchPath("/glossary", pathname)) {
      return (
        <>
          <header className="topbar">
            <div className="topbar-inner">
              <Link to="/" className="brand">
                <span className="brand-mark" aria-hidden="true" />
                <span className="brand-name">Parley</span>
              </Link>
              <Link to="/" className="button button-secondary button-small topbar-signin">
                Sign in
              </Link>
            </div>
          </header>
          <main id="main" className="main">
            <GlossaryPage />
          </main>
        </>
      );
    }
    return state.needsSetup ? <SetupPage /> : <SignInPage expired={state.expired} />;
  }
  return (
    <Layout>
      <ErrorBoundary resetKey={pathname}>
        <SignedInRoutes pathname={pathname} />
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <GlossaryProvider>
        <Screens />
      </GlossaryProvider>
    </SessionProvider>
  );
}
