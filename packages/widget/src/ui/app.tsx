/**
 * The widget's root: the only component with state. It mirrors the stores it
 * shows and hands plain props down, so the children are pure functions and
 * the widget needs no hooks runtime.
 */
import { Component, createRef } from 'preact';
import type { ProductCard } from '@contoso-voice/protocol';
import type { WritableAtom } from 'nanostores';
import type { VoiceClient } from '../client.js';
import type { ChatMessage } from '../stores/messages.js';
import { MicButton } from './mic-button.js';
import { Panel } from './panel.js';
import { keepQuestionInView } from './scroll.js';
import { Launcher } from './launcher.js';
import { VoiceOrb } from './voice-orb.js';

/** The site's choice: `both` opens on text with a mic in the panel; `first` also starts voice with the opening click; `off` is text only. */
export type VoiceMode = 'off' | 'first' | 'both';

export interface AppProps {
  client: VoiceClient;
  $open: WritableAtom<boolean>;
  title: string;
  greeting: string;
  position: 'bottom-right' | 'bottom-left';
  voiceMode: VoiceMode;
  onAdd(p: ProductCard): void;
}

interface AppState {
  open: boolean;
  voice: string;
  micOn: boolean;
  maxText: number;
  connection: string;
  notice: string | null;
  messages: ChatMessage[];
}

export class App extends Component<AppProps, AppState> {
  #input = createRef<HTMLInputElement>();
  #list = createRef<HTMLOListElement>();
  #root = createRef<HTMLDivElement>();
  #unsubscribe: (() => void)[] = [];

  override componentDidMount() {
    const { client, $open } = this.props;
    const bind = <K extends keyof AppState>(key: K, store: { subscribe(fn: (v: any) => void): () => void }) =>
      this.#unsubscribe.push(store.subscribe((value) => this.setState({ [key]: value } as Pick<AppState, K>)));
    bind('open', $open);
    bind('voice', client.$voice);
    bind('micOn', client.$micOn);
    bind('maxText', client.$maxText);
    bind('connection', client.$connection);
    bind('notice', client.$notice);
    bind('messages', client.$messages);
  }

  override componentWillUnmount() {
    this.#unsubscribe.forEach((u) => u());
  }

  override componentDidUpdate(_: AppProps, prev: AppState) {
    if (this.state.open && !prev.open) this.props.client.connect();
    const list = this.#list.current;
    if (list && this.state.messages !== prev.messages) keepQuestionInView(list);
  }

  #close = () => {
    this.props.client.stopVoice();
    this.props.$open.set(false);
  };

  /** Escape gives the focus back to the button that opened the panel, not to the page's <body>. */
  #escape = () => {
    this.#close();
    this.#root.current?.querySelector<HTMLElement>('.launcher')?.focus();
  };

  /** The in-panel mic, tapped. Audio can only start inside this click; if voice could not start, the text box takes the focus. */
  #mic = () => {
    const { client } = this.props;
    const starting = !client.$micOn.get();
    void Promise.resolve(client.toggleVoice()).then(() => starting && !client.$micOn.get() && this.#input.current?.focus());
  };

  /** The launcher: opens or closes the panel; a voice-first site also starts voice in the same click. */
  #launch = () => {
    const { client, $open, voiceMode } = this.props;
    if ($open.get()) return this.#close();
    $open.set(true);
    if (voiceMode === 'first') this.#mic();
  };

  override render({ client, $open, title, greeting, position, voiceMode, onAdd }: AppProps, s: AppState) {
    return (
      <div ref={this.#root} class={`root ${position}`} onKeyDown={(e) => e.key === 'Escape' && s.open && this.#escape()}>
        {s.open && (
          <Panel
            title={title}
            greeting={greeting}
            connection={s.connection}
            notice={s.notice}
            speaking={s.voice === 'assistant_speaking'}
            messages={s.messages}
            inputRef={this.#input}
            listRef={this.#list}
            onClose={this.#close}
            onStop={() => client.stopSpeaking()}
            onSend={(text) => client.sendText(text)}
            onAdd={onAdd}
            onUndo={client.undo}
            maxText={s.maxText}
            live={<VoiceOrb state={s.voice} $input={client.$inputLevel} $output={client.$outputLevel} />}
            mic={
              voiceMode !== 'off' && (
                <MicButton on={s.micOn} onPress={this.#mic} onDown={client.unlockAudio} onHold={() => void client.holdToTalk()} onRelease={client.releaseToTalk} />
              )
            }
          />
        )}
        <Launcher open={s.open} label={title} live={s.micOn && !s.open} onDown={client.unlockAudio} onToggle={this.#launch} />
      </div>
    );
  }
}
