// A site file of `count` virtual hosts for edit tests: hosts share names,
// addresses and backends, some require client certificates, and every fifth
// is preceded by a comment continued onto the next line (a finding of its own).
export function manyHosts(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    [
      `# site ${i}${i % 5 === 0 ? ' \\\n# (continued)' : ''}`,
      `<VirtualHost *:${i % 2 === 0 ? 443 : 8443}>`,
      `    ServerName s${i % 3}.example.test`,
      '    SSLEngine on',
      `    SSLVerifyClient ${i % 4 === 0 ? 'require' : 'none'}`,
      '    <Location /api>',
      "        Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'",
      '        SSLVerifyClient require',
      '    </Location>',
      `    ProxyPass /app https://backend${i % 2}.example.test/`,
      '    SSLVerifyDepth 2',
      '</VirtualHost>',
      '',
    ].join('\n'),
  ).join('\n');
}
