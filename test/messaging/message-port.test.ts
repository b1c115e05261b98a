import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOfflineHandlers } from '../support/background-router';
import { MESSAGE_PORT_NAME } from '@/lib/messaging/protocol';
import { answerPort, classifySender, type PortLike, type RawSender, type Router } from '@/lib/messaging/router';
import { compiledPolicyFor } from '@/lib/policy/cache';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { verdictMessage } from '@/lib/policy-words';

/**
 * Issue 7 §7 (keystroke → diagnosis): the checkout content script sends explainPo on one long-lived port
 * (`sendOverPort`), not a new message channel per keystroke. The port must be answered exactly as runtime messages
 * are (the same router: zod input, allowed senders), closed to strangers, and lose nothing when the worker stops.
 */
const SELF = 'self';
const ORIGIN = 'chrome-extension://self/';
const checkoutTab: RawSender = { id: SELF, url: 'https://www.amazon.com/checkout/p/1/spc', tab: { id: 7 } };
const classify = (sender: RawSender) => classifySender(sender, SELF, ORIGIN);

/**
 * A connected pair of ports as the browser makes them: messages are copied and arrive in a later task, and a
 * disconnect (the worker stopping, or the background closing the port) fires the other end's onDisconnect only.
 */
function portPair(name: string, sender: RawSender) {
  let open = true;
  const toBackground = new Set<(message: unknown) => void>();
  const toContent = new Set<(message: unknown) => void>();
  const contentDisconnected = new Set<() => void>();
  const deliver = (listeners: Set<(message: unknown) => void>, message: unknown) => {
    if (!open) throw new Error('Attempting to use a disconnected port object');
    const copy = structuredClone(message);
    setTimeout(() => {
      if (open) for (const listener of listeners) listener(copy);
    }, 0);
  };
  const close = () => {
    if (!open) return;
    open = false;
    for (const listener of contentDisconnected) listener();
  };
  const background: PortLike = {
    name,
    sender,
    onMessage: { addListener: (listener) => toBackground.add(listener) },
    postMessage: (message) => deliver(toContent, message),
    disconnect: close,
  };
  const content = {
    name,
    onMessage: { addListener: (listener: (message: unknown) => void) => toContent.add(listener) },
    onDisconnect: { addListener: (listener: () => void) => contentDisconnected.add(listener) },
    postMessage: (message: unknown) => deliver(toBackground, message),
    disconnect: () => {
      open = false;
    },
  };
  return { background, content, stopWorker: close, isOpen: () => open };
}

/** The client module afresh (its port is module state), with runtime.connect reaching `serve`. */
async function clientConnectedTo(serve: (port: PortLike) => void) {
  const pairs: ReturnType<typeof portPair>[] = [];
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info?: { name?: string }) => {
    const pair = portPair(info?.name ?? '', checkoutTab);
    pairs.push(pair);
    serve(pair.background);
    return pair.content;
  }) as unknown as typeof fakeBrowser.runtime.connect);
  vi.resetModules();
  const client = await import('@/lib/messaging/client');
  return { client, pairs };
}

/** runtime.onMessage answered by the router, as the background does (the fake browser wants sendResponse). */
function answerRuntimeMessages(router: Router, seen: (message: unknown) => void = () => undefined) {
  fakeBrowser.runtime.onMessage.addListener(((
    message: unknown,
    _sender: unknown,
    sendResponse: (r: unknown) => void,
  ) => {
    seen(message);
    void router.dispatch(message, classify(checkoutTab)).then(sendResponse);
    return true;
  }) as never);
}

const compiled = compiledPolicyFor(SAMPLE_POLICY).policy;
const wordsFor = (po: string) => {
  const verdict = validatePo(compiled, po, { now: new Date() });
  if (verdict.valid) throw new Error(`${po} is valid`);
  return verdictMessage(verdict);
};

describe('explainPo on a long-lived port (issue 7 §7)', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers every keystroke on one connection, each reply to its own request, with the diagnosis words', async () => {
    const router = createOfflineHandlers();
    const { client, pairs } = await clientConnectedTo((port) => answerPort(port, router.dispatch, classify));
    const typed = ['E', 'EN', 'ENG', 'ENG-', 'ENG-2'];
    const answers = await Promise.all(typed.map((po) => client.sendOverPort('explainPo', { po })));
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.content.name).toBe(MESSAGE_PORT_NAME);
    expect(answers.map((answer) => (answer.valid ? null : answer.message))).toEqual(typed.map(wordsFor));
  });

  it('matches replies to requests by id when the background answers out of order', async () => {
    const { client } = await clientConnectedTo((port) => {
      const held: { id: number; po: string }[] = [];
      port.onMessage.addListener((request) => {
        const { id, message } = request as { id: number; message: { input: { po: string } } };
        held.push({ id, po: message.input.po });
        if (held.length < 3) return;
        for (const { id: heldId, po } of held.reverse()) {
          port.postMessage({ id: heldId, reply: { ok: true, value: { valid: false, message: `about ${po}` } } });
        }
      });
    });
    const answers = await Promise.all(['A', 'B', 'C'].map((po) => client.sendOverPort('explainPo', { po })));
    expect(answers.map((answer) => !answer.valid && answer.message)).toEqual(['about A', 'about B', 'about C']);
  });

  it('answers on the port only the messages declared for it, checking the sender and parsing the input', async () => {
    const router = createOfflineHandlers();
    const { client } = await clientConnectedTo((port) => answerPort(port, router.dispatch, classify));
    const sendAnything = client.sendOverPort as (type: string, input: unknown) => Promise<unknown>;
    // Allowed from a checkout tab, but it changes something (the PO submitted in this tab): never on the port,
    // where a request the closing port left unanswered is sent again.
    await expect(
      sendAnything('rememberSubmittedPo', { po: 'ENG-202611-0042', marketplace: 'US', final: true }),
    ).rejects.toMatchObject({
      data: { kind: 'forbidden', message: '"rememberSubmittedPo" is not sent on the message port.' },
    });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // Extension pages only (the options page's API access): refused to the checkout tab as on runtime messages.
    await expect(sendAnything('getApiAccess', {})).rejects.toMatchObject({
      data: { kind: 'forbidden', message: '"getApiAccess" is not allowed from this context.' },
    });
    await expect(sendAnything('explainPo', { po: 42 })).rejects.toMatchObject({ data: { kind: 'bad-request' } });
    await expect(sendAnything('stealTokens', {})).rejects.toMatchObject({ data: { kind: 'unknown-message' } });
  });

  it('closes a port another extension opened, and never answers it', async () => {
    const router = createOfflineHandlers();
    const dispatch = vi.spyOn(router, 'dispatch');
    const pair = portPair(MESSAGE_PORT_NAME, { id: 'other-extension', url: 'chrome-extension://other/x.html' });
    answerPort(pair.background, router.dispatch, classify);
    expect(pair.isOpen()).toBe(false);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('leaves ports of other names alone, and ignores requests that are not { id, message }', async () => {
    const router = createOfflineHandlers();
    const other = portPair('someone-else', checkoutTab);
    const listen = vi.spyOn(other.background.onMessage, 'addListener');
    answerPort(other.background, router.dispatch, classify);
    expect(listen).not.toHaveBeenCalled();
    expect(other.isOpen()).toBe(true);

    const ours = portPair(MESSAGE_PORT_NAME, checkoutTab);
    const replies: unknown[] = [];
    ours.content.onMessage.addListener((reply) => replies.push(reply));
    answerPort(ours.background, router.dispatch, classify);
    for (const junk of [null, 'explainPo', { message: { poAssist: 1, type: 'explainPo', input: { po: 'X' } } }]) {
      ours.content.postMessage(junk);
    }
    ours.content.postMessage({ id: 1.5, message: { poAssist: 1, type: 'explainPo', input: { po: 'X' } } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(replies).toEqual([]);
  });

  it('sends the unanswered requests again with runtime.sendMessage when the worker stops, then opens a new port', async () => {
    const router = createOfflineHandlers();
    let answering = false;
    const { client, pairs } = await clientConnectedTo((port) => {
      if (answering) answerPort(port, router.dispatch, classify);
    });
    const resent: string[] = [];
    answerRuntimeMessages(router, (message) => resent.push((message as { input: { po: string } }).input.po));
    // The first port's background never answers: the worker stops with both requests in flight.
    const inFlight = Promise.all(['ENG', 'ENG-'].map((po) => client.sendOverPort('explainPo', { po })));
    await new Promise((resolve) => setTimeout(resolve, 5));
    pairs[0]!.stopWorker();
    const answers = await inFlight;
    expect(resent).toEqual(['ENG', 'ENG-']);
    expect(answers.map((answer) => !answer.valid && answer.message)).toEqual([wordsFor('ENG'), wordsFor('ENG-')]);

    answering = true;
    const next = await client.sendOverPort('explainPo', { po: 'ENG-2' });
    expect(pairs).toHaveLength(2);
    expect(!next.valid && next.message).toBe(wordsFor('ENG-2'));
    expect(resent).toHaveLength(2);
  });

  it('falls back to runtime.sendMessage where no port can be opened', async () => {
    const router = createOfflineHandlers();
    vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    answerRuntimeMessages(router);
    vi.resetModules();
    const client = await import('@/lib/messaging/client');
    const answer = await client.sendOverPort('explainPo', { po: 'ENG' });
    expect(!answer.valid && answer.message).toBe(wordsFor('ENG'));
  });
});
