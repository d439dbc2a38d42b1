// k6/encoding: b64encode and b64decode (std, rawstd, url, rawurl).
function toBuffer(input) {
  if (typeof input === 'string') {
    return Buffer.from(input, 'utf8');
  }
  if (input instanceof ArrayBuffer) {
    return Buffer.from(new Uint8Array(input));
  }
  return Buffer.from(input);
}

export function b64encode(input, encoding = 'std') {
  const buffer = toBuffer(input);
  switch (encoding) {
    case 'std': return buffer.toString('base64');
    case 'rawstd': return buffer.toString('base64').replace(/=+$/, '');
    case 'url': return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    case 'rawurl': return buffer.toString('base64url');
    default: throw new Error(`unknown base64 encoding ${encoding}`);
  }
}

export function b64decode(input, encoding = 'std', format) {
  const normal = encoding === 'url' || encoding === 'rawurl' ? 'base64url' : 'base64';
  const buffer = Buffer.from(input, normal);
  if (format === 's') {
    return buffer.toString('utf8');
  }
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

export default { b64encode, b64decode };
