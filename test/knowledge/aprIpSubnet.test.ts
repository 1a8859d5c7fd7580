// Every case here was run through `Require ip` on Apache 2.4.71 (Debian, APR 1.7.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aprSubnetError, isApacheSubnet } from '../../server/src/knowledge/aprIpSubnet';

test('addresses, networks and masks APR accepts, its own inet_pton quirks included', () => {
  const accepted = [
    '10.0.0.0/8', '10', '10.', '10.1', '10.1.', '1.2.3.', '1.2.3.4.', '192.168.1.0/255.255.255.0', '10.0.0.0/255.0.255.0', '10.0.0.0/0.0.0.0',
    '10.0.0.1/8', '10.0.0.0/+8', '10.0.0.0/08', '10.0.0.0/ 8', '010.0.0.1', '0255.0.0.1',
    '::1', '::', '::/128', 'fe80::/10', '2001:db8::/32', '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:8::',
    // APR's inet_pton6 lacks the check for a trailing single colon, and reads any number of leading zeros.
    '1::2:', '00001::1',
    // atoi's int overflow: 2^32 reads as octet 0.
    '4294967296', '4294967297.1',
  ];
  for (const subnet of accepted) assert.equal(aprSubnetError(subnet), undefined, subnet);
  assert.equal(isApacheSubnet('10.1'), true);
});

test('what APR says about the refused ones', () => {
  const refused: [string, string][] = [
    ['', 'EINVAL'], ['foo', 'EINVAL'], ['host.example', 'EINVAL'], ['x.y', 'EINVAL'],
    ['999.1.1.1', 'EBADIP'], ['256.1.1.1', 'EBADIP'], ['10.0.0.256', 'EBADIP'], ['1.2.3.4.5', 'EBADIP'], ['10.1.2.3.4', 'EBADIP'], ['1.2.3.4.5.6.7.8', 'EBADIP'],
    ['.', 'EBADIP'], ['...', 'EBADIP'], ['10..1', 'EBADIP'], ['256', 'EBADIP'], ['1234567890123456', 'EBADIP'], ['4294967552', 'EBADIP'],
    ['10.1/16', 'EBADIP'], ['10.1/8', 'EBADIP'], ['::ffff:10.0.0.1', 'EBADIP'], ['::ffff:1.2.3.4/96', 'EBADIP'], ['fe80::1%eth0', 'EBADIP'], ['[::1]', 'EBADIP'],
    ['1:2', 'EBADIP'], ['1:', 'EBADIP'], [':1', 'EBADIP'], ['1::2::3', 'EBADIP'], ['12345::', 'EBADIP'], ['::1.2.3', 'EBADIP'], ['::1.2.3.4:5', 'EBADIP'],
    ['1:2:3:4:5:6:7:8:9', 'EBADIP'], ['1:2:3:4:5:6:7:8:1.2.3.4', 'EBADIP'],
    ['10.0.0.0/33', 'EBADMASK'], ['10.0.0.0/0', 'EBADMASK'], ['10.0.0.0/', 'EBADMASK'], ['10.0.0.0/-1', 'EBADMASK'], ['10.0.0.0/abc', 'EBADMASK'],
    ['10.0.0.0/0x8', 'EBADMASK'], ['10.0.0.0/99999999999999999999', 'EBADMASK'], ['10.0.0.0/255.255.255.256', 'EBADMASK'],
    ['fe80::/129', 'EBADMASK'], ['::/0', 'EBADMASK'], ['::1/255.255.255.0', 'EBADMASK'],
  ];
  for (const [subnet, error] of refused) assert.equal(aprSubnetError(subnet), error, subnet);
  assert.equal(isApacheSubnet('10.0.0.0/33'), false);
});
