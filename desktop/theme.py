"""The look: a calm light palette, large type for long days at the desk, one style sheet."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#1f6feb"
STYLE = """
QMainWindow, QWidget#page { background: #f6f8fa; }
QListWidget#sidebar { background: #1f2933; color: #e4e7eb; border: none; font-size: 15pt;
    padding-top: 12px; outline: 0; }
QListWidget#sidebar::item { padding: 12px 16px; border-left: 4px solid transparent; }
QListWidget#sidebar::item:selected { background: #323f4b; color: white;
    border-left: 4px solid #3ea6ff; }
QLabel#title { font-size: 20pt; font-weight: 600; color: #1f2933; }
QLabel#subtitle { font-size: 12pt; color: #52606d; }
QLabel#procedure { font-size: 15pt; font-weight: 600; color: #1f2933; }
QLabel#banner { background: #fff4d6; border: 1px solid #f0c36d; border-radius: 6px;
    padding: 8px 12px; }
QLabel#error { color: #b42318; }
QLabel#ok { color: #067647; }
QLabel#warning { color: #b54708; }
QGroupBox { font-weight: 600; border: 1px solid #d9dee3; border-radius: 8px; margin-top: 14px;
    background: white; padding: 10px 8px 8px 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 12px; padding: 0 4px; color: #323f4b; }
QPushButton { padding: 6px 14px; border: 1px solid #c4cdd5; border-radius: 6px;
    background: white; }
QPushButton:hover { background: #eef4ff; }
QPushButton:focus { border: 2px solid #3ea6ff; }
QPushButton#primary { background: #1f6feb; color: white; border: 1px solid #1a5fd0;
    font-weight: 600; }
QPushButton#primary:hover { background: #1a5fd0; }
QPushButton#big { font-size: 15pt; padding: 14px 28px; }
QToolBar { background: white; border-bottom: 1px solid #d9dee3; spacing: 6px; padding: 4px; }
QToolButton { padding: 6px 10px; border-radius: 6px; }
QToolButton:hover { background: #eef4ff; }
QListView, QTableView, QPlainTextEdit, QLineEdit, QComboBox, QSpinBox, QTextEdit {
    background: white; border: 1px solid #c4cdd5; border-radius: 6px; }
QLineEdit, QComboBox, QSpinBox { padding: 4px 6px; }
QLineEdit[invalid="true"] { border: 2px solid #d92d20; background: #fff5f5; }
QListView::item:hover { background: #eef4ff; }
QListView::item:selected { background: #dbeafe; color: black; }
QListWidget#sidebar::item:hover:!selected { background: #2a3642; }
QTableView { selection-background-color: #dbeafe; selection-color: black;
    alternate-background-color: #f8fafc; }
QListWidget#dropdown { border: 1px solid #8aa4c8; padding: 2px; }
QListWidget#dropdown::item:selected { background: #1f6feb; color: white; }
/* combobox-popup 0: drop-downs are lists, not Fusion's menu-like popups, which ignore the
   highlight below and show the chosen entry as an empty white bar. */
QComboBox { padding-right: 26px; combobox-popup: 0; }
QComboBox::drop-down { subcontrol-origin: border; subcontrol-position: top right; width: 24px;
    border-left: 1px solid #c4cdd5; }
QComboBox::down-arrow { image: url(@ICONS@/arrow-down.svg); width: 10px; height: 6px; }
QComboBox::down-arrow:disabled { image: url(@ICONS@/arrow-down-disabled.svg); }
QComboBox QAbstractItemView { background: white; color: #1f2933; border: 1px solid #8aa4c8;
    selection-background-color: #1f6feb; selection-color: white; outline: 0; }
QComboBox QAbstractItemView::item { min-height: 26px; padding: 0 6px; }
QComboBox QAbstractItemView::item:selected, QComboBox QAbstractItemView::item:hover {
    background: #1f6feb; color: white; }
QSpinBox { padding-right: 24px; }
QSpinBox::up-button, QSpinBox::down-button { subcontrol-origin: border; width: 22px;
    border-left: 1px solid #c4cdd5; background: #f6f8fa; }
QSpinBox::up-button { subcontrol-position: top right; border-top-right-radius: 6px; }
QSpinBox::down-button { subcontrol-position: bottom right; border-bottom-right-radius: 6px; }
QSpinBox::up-button:hover, QSpinBox::down-button:hover { background: #dbeafe; }
QSpinBox::up-arrow { image: url(@ICONS@/arrow-up.svg); width: 10px; height: 6px; }
QSpinBox::down-arrow { image: url(@ICONS@/arrow-down.svg); width: 10px; height: 6px; }
QSpinBox::up-arrow:disabled, QSpinBox::up-arrow:off {
    image: url(@ICONS@/arrow-up-disabled.svg); }
QSpinBox::down-arrow:disabled, QSpinBox::down-arrow:off {
    image: url(@ICONS@/arrow-down-disabled.svg); }
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QPlainTextEdit:disabled {
    background: #f0f2f4; color: #616e7c; }
QPushButton:disabled, QToolButton:disabled { color: #7b8794; background: #f0f2f4;
    border-color: #d9dee3; }
QPushButton#primary:disabled { background: #e4e9f0; color: #7b8794; border-color: #d0d8e2; }
QToolTip { color: #1f2933; background: #fffbe6; border: 1px solid #c4cdd5; padding: 4px; }
QStatusBar { background: white; border-top: 1px solid #d9dee3; }
QTabWidget::pane { border: 1px solid #d9dee3; border-radius: 6px; background: white; }
QTabBar::tab { padding: 6px 14px; }
"""


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial"])
    font.setPointSize(11)
    return font


def style_sheet() -> str:
    """The style sheet with its arrow images found wherever Sohoa is installed."""
    icons = Path(str(resources.files("resources") / "icons")).as_posix()
    return STYLE.replace("@ICONS@", icons)


def apply(app: QApplication) -> None:
    app.setFont(ui_font())
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
