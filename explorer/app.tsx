/**
 * The explorer's frame: a header with the search box and the main views, and the routes. Every view has its own URL
 * (see links.ts), so any view can be bookmarked, shared and opened in a new tab.
 */
import { useEffect, useRef } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { SearchBox } from './components/search-box.js';
import { Empty } from './components/states.js';
import { links } from './links.js';
import { settings } from './settings.js';
import { ActorView } from './views/actor.js';
import { EventView } from './views/event.js';
import { EvidenceView } from './views/evidence.js';
import { HomeView } from './views/home.js';
import { IssueView } from './views/issue.js';
import { MatrixView } from './views/matrix.js';
import { NetworkView } from './views/network.js';
import { ProposalView } from './views/proposal.js';
import { ReviewView } from './views/review.js';
import { SearchView } from './views/search.js';
import { SourceView } from './views/source.js';

const nav = [
  { href: links.matrix([], []), label: 'Stance matrix', match: '/matrix' },
  { href: links.network(), label: 'Coalitions', match: '/network' },
  { href: links.review(), label: 'Review queue', match: '/review' },
];

export function App() {
  const [location] = useLocation();
  const firstView = useRef(true);
  // After a navigation the new view starts at the top, and focus moves to its heading for screen readers and
  // keyboards (not on the first view: the page has just loaded and the browser's own focus order applies).
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [location]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href={links.home()} className="brand">
          stancegraph <span className="muted">explorer</span>
        </Link>
        <SearchBox />
        <nav aria-label="Views">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className={location.startsWith(item.match) ? 'current' : undefined} aria-current={location.startsWith(item.match) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
          <a href="/playground">GraphQL</a>
        </nav>
      </header>
      <main id="main">
        {/* Keyed by id: a view of another node starts afresh (urql keeps the previous answer while the next loads). */}
        <Switch>
          <Route path="/" component={HomeView} />
          <Route path="/search" component={SearchView} />
          <Route path="/actor/:id">{(params) => <ActorView key={params.id} id={params.id} />}</Route>
          <Route path="/issue/:id">{(params) => <IssueView key={params.id} id={params.id} />}</Route>
          <Route path="/proposal/:id">{(params) => <ProposalView key={params.id} id={params.id} />}</Route>
          <Route path="/event/:id">{(params) => <EventView key={params.id} id={params.id} />}</Route>
          <Route path="/statement/:id">{(params) => <EvidenceView key={params.id} id={params.id} />}</Route>
          <Route path="/source/:id">{(params) => <SourceView key={params.id} id={params.id} />}</Route>
          <Route path="/matrix" component={MatrixView} />
          <Route path="/network" component={NetworkView} />
          <Route path="/review" component={ReviewView} />
          <Route>
            <Empty>
              <h1 tabIndex={-1}>No such view</h1>
              <p>
                Nothing lives at this address. Start from the <Link href={links.home()}>explorer’s front page</Link> or search with the box above.
              </p>
            </Empty>
          </Route>
        </Switch>
      </main>
      <footer className="app-footer muted">
        stancegraph {settings.version} · every view reads the public GraphQL API at <code>{settings.endpoint}</code>
      </footer>
    </>
  );
}
