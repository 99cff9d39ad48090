/**
 * The dashboard's icon (tab and header): an identity card, drawn here so nothing is fetched from
 * elsewhere and the browser's automatic favicon request finds an answer.
 *
 * @module
 */
export const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect x="2" y="6" width="28" height="20" rx="4" fill="#0c66e4"/>
<circle cx="11" cy="15" r="4" fill="#fff"/>
<path d="M5.5 23c.8-3.2 3-5 5.5-5s4.7 1.8 5.5 5z" fill="#fff"/>
<rect x="19" y="12" width="8" height="2.2" rx="1.1" fill="#cce0ff"/>
<rect x="19" y="17" width="6" height="2.2" rx="1.1" fill="#cce0ff"/>
</svg>
`
