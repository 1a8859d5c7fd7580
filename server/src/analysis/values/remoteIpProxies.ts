// RemoteIPInternalProxy and RemoteIPTrustedProxy, as mod_remoteip's
// proxies_set reads each word (verified on 2.4.71): a word its own
// looks_like_ip takes for an address (a `:`, or only digits and dots) goes to
// apr_ipsubnet_create, whose refusal stops Apache; a host name with a /mask
// is refused; a bare host name is looked up in DNS at start-up, which is not
// judged here. RemoteIPProxyProtocolExceptions (remoteip_disable_networks)
// hands every word to apr_ipsubnet_create, host names included.
import { APR_SUBNET_ERROR_TEXT, aprSubnetError } from '../../knowledge/aprIpSubnet';
import type { Finding } from '../types';
import type { Word } from './words';

export function remoteIpProxyFindings(directive: string, words: readonly Word[]): Finding[] {
  for (const word of words) {
    const text = word.value;
    const slash = text.indexOf('/');
    const address = slash < 0 ? text : text.slice(0, slash);
    let apache: string | undefined;
    let why = '';
    if (address.includes(':') || /^[.0-9]*$/.test(address)) {
      const error = aprSubnetError(text);
      if (error) {
        apache = `RemoteIP: Error parsing IP ${text} (${error === 'EINVAL' ? 'Invalid argument' : APR_SUBNET_ERROR_TEXT[error]} error) for ${directive}`;
        why = error === 'EBADMASK' ? 'its network mask is not one APR accepts' : 'it is not an address APR can read';
      }
    } else if (slash >= 0) {
      apache = `RemoteIP: Error parsing IP ${text} the subnet /${text.slice(slash + 1)} is invalid for ${directive}`;
      why = 'a host name takes no mask';
    }
    if (apache) return [{ range: word.range, message: `${text}: ${why}. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
  }
  return [];
}

export function proxyProtocolExceptionFindings(words: readonly Word[]): Finding[] {
  for (const word of words) {
    const error = aprSubnetError(word.value);
    if (!error) continue;
    const slash = word.value.indexOf('/');
    const address = slash < 0 ? word.value : word.value.slice(0, slash);
    const apache = `ip address '${address}' appears to be invalid${error === 'EINVAL' ? '' : `: ${APR_SUBNET_ERROR_TEXT[error]}`}`;
    const why = error === 'EBADMASK' ? 'its network mask is not one APR accepts' : error === 'EBADIP' ? 'it is not an address APR can read' : 'only addresses and networks are taken here, not host names';
    return [{ range: word.range, message: `${word.value}: ${why}. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
  }
  return [];
}
