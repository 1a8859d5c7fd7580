// The response codes httpd has a status line for (status_lines in
// modules/http/http_protocol.c). ap_index_of_response finds these and maps
// every other code to 500's entry, which is how directives tell a code Apache
// knows from one it does not. Probed on 2.4.71 with `RewriteRule … [R=n]` for
// every n from 95 to 605: exactly these pass `apache2 -t`.
export const KNOWN_HTTP_STATUSES: ReadonlySet<number> = new Set([
  100, 101, 102, 103,
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
  300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
