/**
 * Options of the dashboard at `/` (`createApp({ dashboard })`). The dashboard belongs to the mock,
 * but a report is rendered by `reports/`, a layer the mock may not import: the layers above pass
 * the renderer in, as they pass the client audit (`trafficAudit`).
 *
 * @module
 */

/** Renders reports for the dashboard's Report tab. */
export interface DashboardReports {
  /** A report as one self-contained HTML page (the HTML report renderer). */
  readonly render: (report: unknown) => string
  /**
   * CSP sources (`'sha256-…'`) of the inline style and script of the pages `render` makes. The
   * report opens in a frame (`srcdoc`) that inherits the dashboard's policy, so the dashboard's
   * policy allows exactly these, and no other inline code.
   */
  readonly inline: { readonly style: readonly string[]; readonly script: readonly string[] }
  /**
   * The latest conformance report, read each time the tab asks (the CLI reads the JSON file `run`
   * wrote last). Absent: the tab offers the client report only.
   */
  readonly latest?: () => Promise<LatestReport>
}

export type LatestReport =
  { readonly report: unknown; readonly source: string } | { readonly error: string }

export interface DashboardOptions {
  /**
   * Put the control plane's admin token into the page, so a browser needs no sign-in. Default: only
   * when the token is the documented development token (public anyway); `serve` turns it off on a
   * non-loopback host. Otherwise the page asks for the token and keeps it for the tab only.
   */
  readonly tokenInPage?: boolean
  /** Report rendering; absent, the Report tab says which option to pass. */
  readonly reports?: DashboardReports
}
