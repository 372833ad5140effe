/**
 * MARC-8 → Unicode, from the Library of Congress's published code tables
 * (MARC 21 Specifications, "Code Tables": https://www.loc.gov/marc/specifications/specchartables.html).
 * Each set is written as "byte:unicode" hex pairs, runs as "first-last:unicode"
 * (consecutive bytes to consecutive code points). Bytes listed under
 * `combining` are non-spacing marks: MARC-8 writes them before their base
 * letter, Unicode after it. EACC (the CJK set, final "1") is not here: the
 * decoder refuses it by name rather than guess.
 */
export interface Marc8Set {
  name: string;
  map: Map<number, number>;
  combining: Set<number>;
}

function parse(spec: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const item of spec.trim().split(/\s+/u)) {
    const [bytes, ucs] = item.split(':') as [string, string];
    const [first, last] = bytes.split('-') as [string, string | undefined];
    const start = Number.parseInt(first, 16);
    const end = last === undefined ? start : Number.parseInt(last, 16);
    const base = Number.parseInt(ucs, 16);
    for (let b = start; b <= end; b += 1) map.set(b, base + (b - start));
  }
  return map;
}

function set(name: string, spec: string, combining = ''): Marc8Set {
  const map = parse(spec);
  return { name, map, combining: new Set([...parse(combining)].map(([byte]) => byte)) };
}

// Identity runs shared by several sets: ASCII punctuation and digits.
const basicLatin = set('Basic Latin', '20-7e:20');

const ansel = set(
  'Extended Latin (ANSEL)',
  `88:98 89:9c 8d:200d 8e:200c
   a1:141 a2:d8 a3:110 a4:de a5:c6 a6:152 a7:2b9 a8:b7 a9:266d aa:ae ab:b1 ac:1a0 ad:1af ae:2be
   b0:2bb b1:142 b2:f8 b3:111 b4:fe b5:e6 b6:153 b7:2ba b8:131 b9:a3 ba:f0 bc:1a1 bd:1b0
   c0:b0 c1:2113 c2:2117 c3:a9 c4:266f c5:bf c6:a1 c7:df c8:20ac
   e0:309 e1:300 e2:301 e3:302 e4:303 e5:304 e6:306 e7:307 e8:308 e9:30c ea:30a eb:fe20 ec:fe21
   ed:315 ee:30b ef:310 f0:327 f1:328 f2:323 f3:324 f4:325 f5:333 f6:332 f7:326 f8:31c f9:32e
   fa:fe22 fb:fe23 fe:313`,
  'e0-fe:0',
);

const hebrew = set(
  'Basic Hebrew',
  `20-21:20 22:5f4 23-26:23 27:5f3 28-2c:28 2d:5be 2e-3f:2e
   40:5b7 41:5b8 42:5b6 43:5b5 44:5b4 45:5b9 46:5bb 47:5b0 48:5b2 49:5b3 4a:5b1 4b:5bc 4c:5bf 4d:5c1 4e:fb1e
   5b:5b 5d:5d 60-7a:5d0 7b:5f0 7c:5f1 7d:5f2`,
  '40-4e:0',
);

const cyrillic = set(
  'Basic Cyrillic',
  `20-3f:20 40:44e 41:430 42:431 43:446 44:434 45:435 46:444 47:433 48:445 49:438 4a:439 4b:43a 4c:43b
   4d:43c 4e:43d 4f:43e 50:43f 51:44f 52:440 53:441 54:442 55:443 56:436 57:432 58:44c 59:44b 5a:437
   5b:448 5c:44d 5d:449 5e:447 5f:44a 60:42e 61:410 62:411 63:426 64:414 65:415 66:424 67:413 68:425
   69:418 6a:419 6b:41a 6c:41b 6d:41c 6e:41d 6f:41e 70:41f 71:42f 72:420 73:421 74:422 75:423 76:416
   77:412 78:42c 79:42b 7a:417 7b:428 7c:42d 7d:429 7e:427`,
);

const extendedCyrillic = set(
  'Extended Cyrillic',
  `c0:491 c1:452 c2:453 c3:454 c4:451 c5:455 c6:456 c7:457 c8:458 c9:459 ca:45a cb:45b cc:45c cd:45e ce:45f
   d0:463 d1:473 d2:475 d3:46b db:5b dd:5d df:5f
   e0:490 e1:402 e2:403 e3:404 e4:401 e5:405 e6:406 e7:407 e8:408 e9:409 ea:40a eb:40b ec:40c ed:40e ee:40f
   ef:42a f0:462 f1:472 f2:474 f3:46a`,
);

const arabic = set(
  'Basic Arabic',
  `20-24:20 25:66a 26-29:26 2a:66d 2b:2b 2c:60c 2d-2f:2d 30-39:660 3a:3a 3b:61b 3c-3e:3c 3f:61f
   41-5a:621 5b:5b 5d:5d 60-6a:640 6b-72:64b 73:671 74:670 78:66c 79:201d 7a:201c`,
  '6b-72:0',
);

const extendedArabic = set(
  'Extended Arabic',
  `a1:6fd a2-a3:672 a4-b1:679 b2:6bf b3-c8:687 c9:6fa ca-cb:69d cc:6fb cd-ce:69f cf:6fc d0-e7:6a1
   e8-eb:6ba ec:6b9 ed:6be ee:6c0 ef-f1:6c4 f2-f3:6ca f4-f5:6cd f6:6d0 f7-f8:6d2 fd:306 fe:30c`,
  'fd-fe:0',
);

const greek = set(
  'Basic Greek',
  `20:20 21:300 22:301 23:308 24:342 25:313 26:314 27:345 30:ab 31:bb 32:201c 33:201d 34-35:374 3b:387 3f:37e
   41-42:391 44-46:393 47:3da 48:3dc 49-53:396 54:3de 55:3a1 56:3a3 58-5d:3a4 5e:3e0
   61-62:3b1 63:3d0 64-66:3b3 67:3db 68:3dd 69-73:3b6 74:3df 75:3c1 76:3c3 77:3c2 78-7d:3c4 7e:3e1`,
  '21-27:0',
);

const subscripts = set('Subscripts', '20:20 28:208d 29:208e 2b:208a 2d:208b 30-39:2080');
const superscripts = set('Superscripts', '20:20 28:207d 29:207e 2b:207a 2d:207b 30:2070 31:b9 32-33:b2 34-39:2074');
const greekSymbols = set('Greek symbols', '20:20 61-63:3b1');

/** Final characters of the escape sequences (ANSEL's is the two bytes "!E", keyed here as 0x45 after '!'). */
export const marc8Sets = {
  basicLatin,
  ansel,
  /** by final character, for ESC ( F / ESC ) F and their alternates */
  byFinal: new Map<number, Marc8Set>([
    [0x42, basicLatin],
    [0x45, ansel],
    [0x32, hebrew],
    [0x4e, cyrillic],
    [0x51, extendedCyrillic],
    [0x33, arabic],
    [0x34, extendedArabic],
    [0x53, greek],
  ]),
  /** Technique 1: ESC g / ESC b / ESC p / ESC s switch G0 directly. */
  byShift: new Map<number, Marc8Set>([
    [0x67, greekSymbols],
    [0x62, subscripts],
    [0x70, superscripts],
    [0x73, basicLatin],
  ]),
} as const;
