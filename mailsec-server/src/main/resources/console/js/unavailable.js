// What a page shows when its API is not on this server yet (the endpoint answers 404).
import {notice} from './dom.js';

export function notAvailable(what, detail) {
  return notice('info', `${what} are not available on this server.`,
    detail || 'This mailsec version has no detection engine yet; the page fills in once the server provides it. Searches and dashboards work meanwhile.',
    'not-available');
}
