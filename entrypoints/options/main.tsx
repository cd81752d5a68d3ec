import { render } from 'preact';
import { App } from './App';
import { applyTypeColours } from '../../components/type-colours';
import '../../components/page-styles.css';
import './style.css';

applyTypeColours(document.documentElement);
const root = document.getElementById('app');
if (root) render(<App />, root);
