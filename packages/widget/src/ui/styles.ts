import app from './app.css';
import micButton from './mic-button.css';
import panel from './panel.css';
import messageList from './message-list.css';
import productCard from './product-card.css';
import composer from './composer.css';
import launcher from './launcher.css';
import voiceOrb from './voice-orb.css';

/** All of the widget's CSS, for one <style> in its shadow root. */
export const widgetCss = [app, micButton, panel, messageList, productCard, composer, launcher, voiceOrb].join('\n');
